/** Rendered PRC resident ID cards (both sides, 856×540 = 85.6×54 mm at 10 px/mm), for tests and samples. */
import sharp from "sharp";
import { CJK_FONT, CJK_SERIF, esc, svgToPng } from "./svg";
import type { Identity } from "./random";

export interface IdcardOptions extends Partial<Identity> {
  /** "back" = 人像面 (portrait side), "front" = 国徽面 (emblem side), as the API names them */
  side: "front" | "back";
  /** draw a 样证 stamp across the address */
  specimenStamp?: boolean;
  /** the label printed before the number (older specimens say 公民身份证号码) */
  idnLabel?: string;
  /** opacity of the printed field names 姓名 … 公民身份号码 (worn cards: they read badly or not at all; 0 leaves them out) */
  labelOpacity?: number;
}

export const CARD_W = 856;
export const CARD_H = 540;
/** Where the portrait sits on the portrait side (fractions of the card). */
export const PORTRAIT_BOX = { x0: 0.62, y0: 0.13, x1: 0.93, y1: 0.7 };

const LABEL_COLOUR = "#2f6fa8";

function background(): string {
  let s = `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f3f1e6"/><stop offset="0.5" stop-color="#e6eef2"/><stop offset="1" stop-color="#f1e9e2"/></linearGradient></defs>`;
  s += `<rect width="${CARD_W}" height="${CARD_H}" rx="32" fill="url(#bg)"/>`;
  for (let i = 0; i < 9; i++) s += `<path d="M0 ${60 + i * 55} C 200 ${20 + i * 55}, 500 ${110 + i * 55}, ${CARD_W} ${50 + i * 55}" stroke="#d9e3e6" stroke-width="2" fill="none"/>`;
  return s;
}

function text(x: number, y: number, s: string, size: number, fill = "#111", extra = "", font = CJK_FONT): string {
  return `<text x="${x}" y="${y}" font-family="${font}" font-size="${size}" fill="${fill}" ${extra}>${esc(s)}</text>`;
}

/** Splits the address into printed lines of at most `per` characters. */
export function addressLines(addr: string, per = 11): string[] {
  const out: string[] = [];
  for (let i = 0; i < addr.length; i += per) out.push(addr.slice(i, i + per));
  return out;
}

export function idcardSvg(o: IdcardOptions): string {
  let s = background();
  if (o.side === "back") {
    const faded = o.labelOpacity !== undefined ? `opacity="${o.labelOpacity}"` : "";
    // a long name is printed smaller so that it ends before the portrait
    const nameSize = Math.min(36, Math.floor(350 / Math.max(1, [...(o.name ?? "")].length)));
    s += text(60, 95, "姓  名", 28, LABEL_COLOUR, faded) + text(170, 97, o.name ?? "", nameSize);
    s += text(60, 160, "性  别", 28, LABEL_COLOUR, faded) + text(170, 162, o.sex ?? "", 34);
    s += text(290, 160, "民  族", 28, LABEL_COLOUR, faded) + text(390, 162, o.nation ?? "", 34);
    const b = o.birth ?? { y: 1990, m: 1, d: 1 };
    s += text(60, 225, "出  生", 28, LABEL_COLOUR, faded) + text(170, 227, String(b.y), 34) + text(258, 225, "年", 28, LABEL_COLOUR);
    s += text(305, 227, String(b.m), 34) + text(350, 225, "月", 28, LABEL_COLOUR) + text(395, 227, String(b.d), 34) + text(440, 225, "日", 28, LABEL_COLOUR);
    s += text(60, 290, "住  址", 28, LABEL_COLOUR, faded);
    addressLines(o.addr ?? "", 10).forEach((l, i) => (s += text(170, 292 + i * 46, l, 34)));
    s += text(60, 470, o.idnLabel ?? "公民身份号码", 28, LABEL_COLOUR, faded);
    s += text(290, 472, o.idn ?? "", 40, "#111", `letter-spacing="3"`, "'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace");
    // portrait: a plain head-and-shoulders figure on a pale ground
    const px = PORTRAIT_BOX.x0 * CARD_W, py = PORTRAIT_BOX.y0 * CARD_H, pw = (PORTRAIT_BOX.x1 - PORTRAIT_BOX.x0) * CARD_W, ph = (PORTRAIT_BOX.y1 - PORTRAIT_BOX.y0) * CARD_H;
    s += `<rect x="${px}" y="${py}" width="${pw}" height="${ph}" fill="#eef1f4"/>`;
    s += `<ellipse cx="${px + pw / 2}" cy="${py + ph * 0.4}" rx="${pw * 0.24}" ry="${ph * 0.26}" fill="#d8b49a"/>`;
    s += `<ellipse cx="${px + pw / 2}" cy="${py + ph * 0.2}" rx="${pw * 0.26}" ry="${ph * 0.12}" fill="#2b2420"/>`;
    s += `<path d="M ${px + pw * 0.08} ${py + ph} Q ${px + pw / 2} ${py + ph * 0.58} ${px + pw * 0.92} ${py + ph} Z" fill="#34495e"/>`;
    if (o.specimenStamp) s += `<text x="240" y="345" font-family="${CJK_SERIF}" font-size="110" font-weight="bold" fill="#c0392b" opacity="0.45" transform="rotate(-12 330 320)">样证</text>`;
  } else {
    // national emblem (stylised)
    s += `<circle cx="130" cy="130" r="78" fill="#c8102e"/><circle cx="130" cy="130" r="62" fill="none" stroke="#f2c230" stroke-width="6"/>`;
    s += `<polygon points="130,82 141,114 175,114 148,134 158,166 130,146 102,166 112,134 85,114 119,114" fill="#f2c230"/>`;
    s += `<text x="270" y="135" font-family="${CJK_SERIF}" font-size="50" font-weight="bold" fill="#111" letter-spacing="8">中华人民共和国</text>`;
    s += `<text x="230" y="250" font-family="${CJK_SERIF}" font-size="78" font-weight="bold" fill="#111" letter-spacing="18">居民身份证</text>`;
    s += text(190, 420, "签发机关", 28, "#111") + text(330, 422, o.org ?? "", 32);
    s += text(190, 480, "有效期限", 28, "#111") + text(330, 482, o.validperiod ?? "", 32);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}" viewBox="0 0 ${CARD_W} ${CARD_H}">${s}</svg>`;
}

/** One card side as a PNG, exactly the card (no background). */
export async function renderIdcard(o: IdcardOptions): Promise<Buffer> {
  return svgToPng(idcardSvg(o));
}

export interface CardPhotoOptions {
  /** degrees clockwise, any value (quarter turns and skew) */
  rotate?: number;
  /** margin of desk around the card, as a fraction of the card width */
  margin?: number;
  /** scale of the card in the photo */
  scale?: number;
  desk?: string;
}

/** The card lying on a desk: margin of background around it, rotated. */
export async function renderCardPhoto(card: Buffer, o: CardPhotoOptions = {}): Promise<Buffer> {
  const desk = o.desk ?? "#6b5b4b";
  const scale = o.scale ?? 1;
  let img = scale !== 1 ? await sharp(card).resize({ width: Math.round(CARD_W * scale) }).png().toBuffer() : card;
  const m = Math.round((o.margin ?? 0) * CARD_W * scale);
  if (m) img = await sharp(img).flatten({ background: desk }).extend({ top: m, bottom: m, left: m, right: m, background: desk }).png().toBuffer();
  else img = await sharp(img).flatten({ background: desk }).png().toBuffer();
  if (o.rotate) img = await sharp(img).rotate(o.rotate, { background: desk }).png().toBuffer();
  return img;
}
