/**
 * The rendered ID-card and plate sets (issue 14, item 1): fixed seed, every item in one
 * of two halves. Item i goes to "tune" when i is even and to "eval" when odd, and its
 * conditions are drawn from k = ⌊i/2⌋, so both halves cover the same kinds and conditions
 * with different identities and numbers. Constants are chosen on "tune" only; "eval" is
 * only measured. `npm run datasets` writes them to .data/datasets (git-ignored).
 */
import sharp from "sharp";
import { renderCardPhoto, renderIdcard } from "./idcard";
import { renderPlate, renderPlateScene } from "./plate";
import { PLATE_KINDS, rng, setIdentity, setPlate, type PlateSetKind } from "./random";
import { degrade } from "./svg";
import { renderTextPage } from "./textpage";

export type Split = "tune" | "eval";
export const splitOf = (i: number): Split => (i % 2 === 0 ? "tune" : "eval");

export interface SetCard {
  id: string;
  split: Split;
  image: Buffer;
  side: "front" | "back";
  expected: Record<string, string>;
  /** the conditions, for reading a miss */
  variant: string;
}

const QUARTERS = [0, 90, 180, 270];

/** One card side of the set: item i (0-based) of the card set. */
export async function renderSetCard(i: number, seed = 14_000): Promise<SetCard> {
  const k = Math.floor(i / 2);
  const r = rng(seed + i * 31);
  const id = setIdentity(seed + i, k); // every nation in both halves
  const side = k % 2 === 0 ? "back" : "front";
  const quarter = QUARTERS[Math.floor(k / 2) % 4];
  const desk = k % 3 === 0;
  const stamp = r() < 0.3;
  const faded = side === "back" && r() < 0.2 ? 0.12 + r() * 0.2 : undefined;
  const card = await renderIdcard({ side, ...id, specimenStamp: stamp, labelOpacity: faded });
  const skew = desk ? (r() - 0.5) * 24 : (r() - 0.5) * 4;
  let image = await renderCardPhoto(card, { rotate: quarter + skew, margin: desk ? 0.15 + r() * 0.35 : 0.04, scale: 0.6 + r() * 0.4, desk: desk ? pickDesk(r) : undefined });
  const blur = r() < 0.25 ? 0.6 + r() * 0.8 : 0;
  const grey = r() < 0.1;
  const jpeg = 55 + Math.floor(r() * 40);
  image = await degrade(image, { blur, grey, jpegQuality: jpeg });
  const exif = r() < 0.08;
  if (exif) image = await sharp(image).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: jpeg }).toBuffer();
  const expected: Record<string, string> =
    side === "back"
      ? { name: id.name, sex: id.sex, nation: id.nation, birthday: `${id.birth.y}年${id.birth.m}月${id.birth.d}日`, idn: id.idn, addr: id.addr }
      : { org: id.org, validperiod: id.validperiod };
  const variant = [side, `${quarter}°${skew >= 0 ? "+" : ""}${skew.toFixed(0)}`, desk ? "desk" : "", stamp ? "样证" : "", faded ? "faded labels" : "", blur ? "blur" : "", grey ? "grey" : "", exif ? "exif" : "", `q${jpeg}`]
    .filter(Boolean).join(" ");
  return { id: `card-${String(i).padStart(4, "0")}`, split: splitOf(i), image, side, expected, variant };
}

const pickDesk = (r: () => number) => ["#6b5b4b", "#3d4a57", "#c9c2b5", "#2a2a2a", "#8a7356"][Math.floor(r() * 5)];

export interface SetPlateImage {
  id: string;
  split: Split;
  image: Buffer;
  plates: { plate_license: string; plate_type: string; kind: PlateSetKind }[];
  variant: string;
}

/** Text that is not a plate but looks a little like one (scored as false plates when reported). */
const DISTRACTORS = ["星辉汽车销售服务有限公司", "2024-05-12 12:30:45", "京A 70 531", "限速 40", "出口 EXIT", "订单号 AB12345", "热线 400-820-8820", "沪ICP备12345678号", "停车场 P2 区", "GB 7258-2017"];

/** One image of the plate set: item i (0-based). Every 25th is a sign or page without a plate. */
export async function renderSetPlate(i: number, seed = 15_000): Promise<SetPlateImage> {
  const k = Math.floor(i / 2);
  const r = rng(seed + i * 17);
  const id = `plate-${String(i).padStart(4, "0")}`;
  if (k % 25 === 24) {
    const lines = [DISTRACTORS[k % DISTRACTORS.length], DISTRACTORS[(k + 3) % DISTRACTORS.length], `车牌识别测试 ${DISTRACTORS[(k + 5) % DISTRACTORS.length]}`];
    const image = await degrade(await renderTextPage(lines, { size: 28 + Math.floor(r() * 12) }), { jpegQuality: 80 });
    return { id, split: splitOf(i), image, plates: [], variant: "text without a plate" };
  }
  const kind = PLATE_KINDS[k % PLATE_KINDS.length];
  const p = setPlate(seed + i, kind);
  const scene = (Math.floor(k / PLATE_KINDS.length) + k) % 4; // 0 close-up, 1 tight crop, 2 street, 3 street with two plates
  const one = [{ plate_license: p.text, plate_type: p.type, kind }];
  if (scene === 0 || scene === 1) {
    const width = scene === 1 ? (p.rows === 2 ? 110 + Math.floor(r() * 40) : 94 + Math.floor(r() * 50)) : 260 + Math.floor(r() * 240);
    let image = await renderPlate({ ...p, width });
    if (scene === 0) {
      const m = Math.round(width * (0.2 + r() * 0.3));
      const body = ["#5a6470", "#d8d8d8", "#1f2a44", "#7b1e1e", "#f0f0f0"][Math.floor(r() * 5)];
      image = await sharp(image).flatten({ background: body }).extend({ top: m, bottom: m, left: m, right: m, background: body }).png().toBuffer();
      image = await degrade(image, { rotate: (r() - 0.5) * 12, background: body, blur: r() < 0.4 ? 0.5 + r() * 0.6 : 0, jpegQuality: 60 + Math.floor(r() * 30) });
    } else {
      image = await degrade(image, { jpegQuality: 65 + Math.floor(r() * 25), blur: r() < 0.2 ? 0.5 : 0 });
    }
    return { id, split: splitOf(i), image, plates: one, variant: `${kind}, ${scene === 0 ? "close-up" : "tight crop"}` };
  }
  const W = 1280, H = 720;
  const plates = [{ ...p, x: 200 + Math.floor(r() * 800), y: 380 + Math.floor(r() * 220), width: (p.rows === 2 ? 90 : 100) + Math.floor(r() * 110) }];
  const all = [...one];
  if (scene === 3) {
    const kind2 = PLATE_KINDS[(k * 7 + 3) % PLATE_KINDS.length];
    const q = setPlate(seed + i + 100_000, kind2);
    plates.push({ ...q, x: 40 + Math.floor(r() * 120), y: 120 + Math.floor(r() * 150), width: 120 + Math.floor(r() * 80) });
    all.push({ plate_license: q.text, plate_type: q.type, kind: kind2 });
  }
  const distractors = [
    { text: DISTRACTORS[k % DISTRACTORS.length], x: 700, y: 90, size: 36, fill: "#ffffff", bg: ["#b03020", "#1d5e2f", "#6b3fa0"][k % 3] }, // not blue: white on blue reading 京A 70 531 is a plate to any reader
    { text: "2024-05-12 12:30:45", x: 16, y: 705, size: 22, fill: "#ffffff" },
  ];
  const { png } = await renderPlateScene({ plates, distractors, seed: seed + i, skew: (r() - 0.5) * 10, width: W, height: H });
  const image = await degrade(png, { jpegQuality: 70 + Math.floor(r() * 20), blur: r() < 0.3 ? 0.6 : 0 });
  return { id, split: splitOf(i), image, plates: all, variant: `${kind}, street${scene === 3 ? ", two plates" : ""}` };
}

/** Sizes of the full sets (half of each is the evaluation half). */
export const SET_SIZES = { cards: 320, plates: 520 } as const;
