/** Rendered licence plates (GA 36 proportions) alone or placed in a street-like scene. */
import sharp, { type OverlayOptions } from "sharp";
import { CJK_FONT, esc, svgToPng } from "./svg";
import { rng } from "./random";

export type PlateKind = "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
export interface PlateOptions {
  text: string;
  type: PlateKind;
  /** two-row plate (yellow trucks/buses): province + letter on top */
  rows?: 1 | 2;
  /** output width in pixels (height follows the plate's proportions) */
  width?: number;
  /** large new-energy vehicles: yellow-to-green two-tone background (still 绿牌) */
  largeNewEnergy?: boolean;
}

const STYLE: Record<PlateKind, { bg: string; fg: string; border: string }> = {
  蓝牌: { bg: "#0b45b5", fg: "#ffffff", border: "#ffffff" },
  黄牌: { bg: "#f2bd00", fg: "#111111", border: "#111111" },
  绿牌: { bg: "url(#ne)", fg: "#111111", border: "#333333" },
  // (large new-energy plates use url(#nel), set in plateSvg)
  白牌: { bg: "#f4f4f4", fg: "#111111", border: "#111111" },
  黑牌: { bg: "#111111", fg: "#ffffff", border: "#ffffff" },
};

const isCjk = (c: string) => /[\u4e00-\u9fff]/.test(c);

/** Characters printed in red: 警 领 使 应急 and the WJ of armed-police plates. */
function redMask(chars: string[]): boolean[] {
  const wj = chars[0] === "W" && chars[1] === "J";
  return chars.map((c, i) => "警领使应急".includes(c) || (wj && i < 2));
}

function glyph(c: string, cx: number, baseY: number, size: number, w: number, fill: string, red = false): string {
  // CJK glyphs are square; plate characters are narrow: squeeze horizontally to width w
  const natural = isCjk(c) ? size : size * 0.6;
  const sx = w / natural;
  const colour = red ? "#d01010" : fill;
  return `<text transform="translate(${cx} ${baseY}) scale(${sx.toFixed(3)} 1)" font-family="${CJK_FONT}" font-weight="bold" font-size="${size}" text-anchor="middle" fill="${colour}">${esc(c)}</text>`;
}

export function plateSvg(o: PlateOptions): { svg: string; width: number; height: number } {
  const st = STYLE[o.type];
  const chars = [...o.text];
  const red = redMask(chars);
  const two = o.rows === 2;
  // the head (province + letter, WJ + province, or 使) before the separator dot
  const wj = chars[0] === "W" && chars[1] === "J";
  const head = chars[0] === "使" ? 1 : wj ? (/[0-9]/.test(chars[2]) ? 2 : 3) : 2;
  const n = chars.length;
  const W = n >= 9 ? 520 : n === 8 ? 480 : 440, H = two ? 220 : 140;
  const defs = `<defs><linearGradient id="ne" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4fbf4"/><stop offset="1" stop-color="#3cbf5c"/></linearGradient>` +
    `<linearGradient id="nel" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#f2c51c"/><stop offset="0.3" stop-color="#f2c51c"/><stop offset="0.36" stop-color="#49c06a"/><stop offset="1" stop-color="#49c06a"/></linearGradient></defs>`;
  const bg = o.largeNewEnergy ? "url(#nel)" : st.bg;
  let body = "";
  if (two) {
    const top = chars.slice(0, head), bot = chars.slice(head);
    const tw = top.length === 3 ? 100 : 140;
    top.forEach((c, i) => (body += glyph(c, W / 2 - ((top.length - 1) * tw) / 2 + i * tw, 82, 64, isCjk(c) ? 72 : 50, st.fg, red[i])));
    const bstep = Math.min(85, (W - 40) / bot.length), bw = Math.min(62, bstep - 12);
    bot.forEach((c, i) => (body += glyph(c, 20 + bstep / 2 + i * bstep, 195, 110, isCjk(c) && bot.length > 5 ? bw + 8 : bw, st.fg, red[head + i])));
  } else {
    const step = n >= 9 ? 48 : n === 8 ? 51 : 57, cw = n >= 9 ? 40 : n === 8 ? 43 : 45;
    let x = 15 + cw / 2;
    chars.forEach((c, i) => {
      body += glyph(c, x, 112, 90, cw, st.fg, red[i]);
      x += step + (i === head - 1 ? 22 : 0);
    });
    body += `<circle cx="${15 + head * step + 8 - 2}" cy="70" r="5" fill="${st.fg}"/>`;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${defs}
<rect x="0" y="0" width="${W}" height="${H}" rx="14" fill="${bg}"/>
<rect x="5" y="5" width="${W - 10}" height="${H - 10}" rx="10" fill="none" stroke="${st.border}" stroke-width="3"/>${body}</svg>`;
  return { svg, width: W, height: H };
}

/** One plate as a PNG (its own proportions; `width` scales it). */
export async function renderPlate(o: PlateOptions): Promise<Buffer> {
  const { svg, width } = plateSvg(o);
  const png = await svgToPng(svg);
  return o.width && o.width !== width ? sharp(png).resize({ width: o.width }).png().toBuffer() : png;
}

export interface SceneOptions {
  plates: (PlateOptions & { x: number; y: number; width: number })[];
  width?: number;
  height?: number;
  seed?: number;
  /** extra non-plate text drawn in the scene (shop signs, timestamps) */
  distractors?: { text: string; x: number; y: number; size: number; fill?: string; bg?: string }[];
  /** degrees, rotates each plate about its centre */
  skew?: number;
}

/** A street-like scene: textured background, car-like blocks, plates and unrelated text. Boxes are LT,RT,RB,LB. */
export async function renderPlateScene(o: SceneOptions): Promise<{ png: Buffer; boxes: [number, number][][] }> {
  const W = o.width ?? 1920, H = o.height ?? 1080;
  const r = rng(o.seed ?? 1);
  let bg = `<rect width="${W}" height="${H}" fill="#8c8f94"/>`;
  for (let i = 0; i < 14; i++) {
    const c = `rgb(${60 + Math.floor(r() * 150)},${60 + Math.floor(r() * 150)},${60 + Math.floor(r() * 150)})`;
    bg += `<rect x="${Math.floor(r() * W)}" y="${Math.floor(r() * H)}" width="${100 + Math.floor(r() * 500)}" height="${60 + Math.floor(r() * 300)}" rx="30" fill="${c}" opacity="0.85"/>`;
  }
  for (const d of o.distractors ?? []) {
    if (d.bg) bg += `<rect x="${d.x - 10}" y="${d.y - d.size}" width="${[...d.text].length * d.size + 20}" height="${d.size * 1.4}" fill="${d.bg}"/>`;
    bg += `<text x="${d.x}" y="${d.y}" font-family="${CJK_FONT}" font-size="${d.size}" fill="${d.fill ?? "#ffffff"}">${esc(d.text)}</text>`;
  }
  const base = await svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${bg}</svg>`);
  const layers: OverlayOptions[] = [];
  const boxes: [number, number][][] = [];
  for (const p of o.plates) {
    let img = await renderPlate({ ...p, width: p.width });
    const meta = await sharp(img).metadata();
    const pw = meta.width!, ph = meta.height!;
    const a = ((o.skew ?? 0) * Math.PI) / 180;
    if (o.skew) img = await sharp(img).rotate(o.skew, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
    const m2 = await sharp(img).metadata();
    const cx = p.x + pw / 2, cy = p.y + ph / 2;
    layers.push({ input: img, left: Math.round(cx - m2.width! / 2), top: Math.round(cy - m2.height! / 2) });
    const c = Math.cos(a), s = Math.sin(a);
    boxes.push(
      [[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]].map(([x, y]) => [Math.round(cx + x * c - y * s), Math.round(cy + x * s + y * c)] as [number, number]),
    );
  }
  const png = await sharp(base).composite(layers).png().toBuffer();
  return { png, boxes };
}
