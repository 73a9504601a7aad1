/**
 * Deterministic rendered datasets with ground truth, shared by the tests and bench/idcard-plate.ts.
 */
import sharp from "sharp";
import { renderCardPhoto, renderIdcard } from "./idcard";
import { randomIdentity, randomPlate, rng } from "./random";
import { renderPlate, renderPlateScene, type PlateKind } from "./plate";
import { degrade } from "./svg";

export interface RenderedCard {
  image: Buffer;
  side: "front" | "back";
  /** expected fields of that side (birthday in the API's format) */
  expected: Record<string, string>;
  variant: string;
}

const CARD_VARIANTS: { name: string; rotate: number; margin: number; blur?: number; jpeg?: number; grey?: boolean; exif?: boolean }[] = [
  { name: "upright", rotate: 0, margin: 0.05 },
  { name: "quarter-turn", rotate: 90, margin: 0.05 },
  { name: "upside-down", rotate: 180, margin: 0.05 },
  { name: "three-quarter-turn", rotate: 270, margin: 0.05 },
  { name: "skew+12 on desk", rotate: 12, margin: 0.2 },
  { name: "skew-15 on desk", rotate: -15, margin: 0.15 },
  { name: "blur+jpeg50", rotate: 0, margin: 0.05, blur: 1.2, jpeg: 50 },
  { name: "grey copy", rotate: 0, margin: 0.1, grey: true },
  { name: "exif-rotated", rotate: 0, margin: 0.05, exif: true },
];

export async function renderedCards(n: number, seed = 100): Promise<RenderedCard[]> {
  const out: RenderedCard[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomIdentity(seed + i);
    const v = CARD_VARIANTS[i % CARD_VARIANTS.length];
    const side = Math.floor(i / CARD_VARIANTS.length) % 2 === i % 2 ? "back" : "front";
    const card = await renderIdcard({ side, ...id, specimenStamp: i % 3 === 0 });
    let image = await renderCardPhoto(card, { rotate: v.rotate, margin: v.margin, scale: 0.8 });
    image = await degrade(image, { blur: v.blur, jpegQuality: v.jpeg ?? 88, grey: v.grey });
    if (v.exif) {
      // pixels stored turned a quarter anticlockwise, with EXIF orientation 6 saying "turn clockwise to view"
      image = await sharp(image).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 88 }).toBuffer();
    }
    const expected: Record<string, string> =
      side === "back"
        ? { name: id.name, sex: id.sex, nation: id.nation, birthday: `${id.birth.y}年${id.birth.m}月${id.birth.d}日`, idn: id.idn, addr: id.addr }
        : { org: id.org, validperiod: id.validperiod };
    out.push({ image, side, expected, variant: v.name });
  }
  return out;
}

export interface RenderedPlateImage {
  image: Buffer;
  plates: { plate_license: string; plate_type: PlateKind }[];
  variant: string;
}

const TYPES: PlateKind[] = ["蓝牌", "黄牌", "绿牌", "白牌", "黑牌"];
const DISTRACTORS = ["星辉汽车销售服务有限公司", "2024-05-12 12:30:45", "京A 70 531", "限速 40", "出口 EXIT"];

/** Close-ups, tight 94×24-style crops and 1920×1080 street scenes with small plates and unrelated text. */
export async function renderedPlates(n: number, seed = 500): Promise<RenderedPlateImage[]> {
  const out: RenderedPlateImage[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng(seed + i * 7);
    const type = TYPES[i % TYPES.length];
    const p = randomPlate(seed + i, type);
    const kind = i % 4; // 0 close-up, 1 tight crop, 2 street scene, 3 street scene with two plates
    if (kind === 0 || kind === 1) {
      const width = kind === 1 ? (p.rows === 2 ? 110 : 94 + Math.floor(r() * 30)) : 300 + Math.floor(r() * 200);
      let image = await renderPlate({ ...p, width });
      if (kind === 0) {
        // a little car body around it, slight rotation
        const m = Math.round(width * 0.3);
        image = await sharp(image).flatten({ background: "#5a6470" }).extend({ top: m, bottom: m, left: m, right: m, background: "#5a6470" }).png().toBuffer();
        image = await degrade(image, { rotate: (r() - 0.5) * 10, background: "#5a6470", blur: r() < 0.5 ? 0.8 : 0, jpegQuality: 70 });
      } else {
        image = await degrade(image, { jpegQuality: 75 });
      }
      out.push({ image, plates: [{ plate_license: p.text, plate_type: p.type }], variant: kind === 0 ? "close-up" : "tight crop" });
    } else {
      const plates = [{ ...p, x: 300 + Math.floor(r() * 1100), y: 600 + Math.floor(r() * 300), width: 80 + Math.floor(r() * 120) }];
      if (kind === 3) {
        const q = randomPlate(seed + i + 1000, TYPES[(i + 2) % TYPES.length]);
        plates.push({ ...q, x: 100 + Math.floor(r() * 150), y: 200 + Math.floor(r() * 200), width: 140 + Math.floor(r() * 80) });
      }
      const distractors = [
        { text: DISTRACTORS[i % DISTRACTORS.length], x: 1000, y: 120, size: 48, fill: "#ffffff", bg: "#b03020" },
        { text: "2024-05-12 12:30:45", x: 20, y: 1060, size: 28, fill: "#ffffff" },
      ];
      const { png } = await renderPlateScene({ plates, distractors, seed: seed + i, skew: (r() - 0.5) * 8 });
      const image = await degrade(png, { jpegQuality: 80, blur: r() < 0.3 ? 0.7 : 0 });
      out.push({ image, plates: plates.map((x) => ({ plate_license: x.text, plate_type: x.type })), variant: kind === 2 ? "street" : "street, two plates" });
    }
  }
  return out;
}
