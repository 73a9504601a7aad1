/**
 * Puts a card photo upright: quarter turns from the direction of the detected text lines
 * and the direction classifier, skew from the median angle of the lines. Returns the OCR
 * lines in the card's upright, de-skewed frame. Detection, classification and recognition
 * are the engine's (the page context's), with the card's own settings.
 */
import type { PageContext } from "../engine/context";
import { charChoices } from "../engine/ctc";
import type { DetectedBox as DetBox, DetectOptions } from "../engine/detect";
import { quadHeight, quadWidth, type Quad } from "../engine/geometry";
import { rotateImage, type QuarterTurns, type RgbImage } from "../engine/image";
import type { CardLine } from "./fields";
export interface UprightPage {
  /** the image turned by `quarter` clockwise quarter turns */
  img: RgbImage;
  quarter: number;
  /** skew of the text in `img`, radians (positive = clockwise) */
  skew: number;
  lines: CardLine[];
  boxes: DetBox[];
}
/** Card text is small next to the photo: up to 1280 px for the detector, small photos enlarged only to 320. */
const detectOpts = (limitSide: number): DetectOptions => ({ limitSide, minSide: 320, boxThresh: 0.55 });
const dir = (q: Quad) => Math.atan2(q[1][1] - q[0][1], q[1][0] - q[0][0]);
function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
/**
 * Do most text lines run vertically? Then the card lies on its side. The
 * detector labels a box's corners by position (the two left-most are the left
 * side), so a line's direction is that of the box's longer side.
 */
export function isSideways(boxes: DetBox[]): boolean {
  let v = 0, h = 0;
  for (const b of boxes) {
    const w = quadWidth(b.quad), ht = quadHeight(b.quad);
    const long = Math.max(w, ht), short = Math.min(w, ht);
    if (long < short * 2.5) continue; // only clearly elongated boxes tell direction
    const q = b.quad;
    const along = w >= ht ? dir(q) : Math.atan2(q[3][1] - q[0][1], q[3][0] - q[0][0]);
    const a = Math.abs(along);
    if (a > Math.PI / 4 && a < (3 * Math.PI) / 4) v += long; else h += long;
  }
  return v > h;
}
async function upsideDown(page: PageContext, img: RgbImage, boxes: DetBox[]): Promise<number> {
  const long = [...boxes].sort((a, b) => quadWidth(b.quad) - quadWidth(a.quad)).slice(0, 6);
  if (!long.length) return 0;
  const p = await page.upsideDown(long.map((b) => b.quad), { img });
  return p.reduce((s, v) => s + v, 0) / p.length;
}
/** Boxes narrower than SHORT_BOX heights are read with SHORT_MARGIN heights of margin each side: card-0256 (rendered tuning half) reads its lone 区 as 冈 with 0, 0.4; 区 with 1.0 (0.92) and 2.0 (0.99); 2.0 would reach the 民族 label beside a one-character sex. */
const SHORT_BOX = 1.6;
const SHORT_MARGIN = 1.0;
/** The quad lengthened along its own direction by `k` of its height at each end. */
function widen(q: Quad, k: number): Quad {
  const w = quadWidth(q) || 1, e = k * quadHeight(q);
  const ux = ((q[1][0] - q[0][0]) / w) * e, uy = ((q[1][1] - q[0][1]) / w) * e;
  return [[q[0][0] - ux, q[0][1] - uy], [q[1][0] + ux, q[1][1] + uy], [q[2][0] + ux, q[2][1] + uy], [q[3][0] - ux, q[3][1] - uy]];
}
/** Rotates point p about the origin by -angle (undoing skew). */
const deskew = (x: number, y: number, a: number): [number, number] => [x * Math.cos(a) + y * Math.sin(a), -x * Math.sin(a) + y * Math.cos(a)];
export async function readLines(page: PageContext, img: RgbImage, boxes: DetBox[]): Promise<{ lines: CardLine[]; skew: number }> {
  const angles = boxes.filter((b) => quadWidth(b.quad) > quadHeight(b.quad) * 2.5).map((b) => dir(b.quad));
  const skew = median(angles);
  const kept = boxes.filter((b) => quadWidth(b.quad) >= quadHeight(b.quad) * 0.6);
  // read as given (the page is upright already), five alternatives per character for the check digit
  // a lone character (the 区 or 室 that ends an address on its own line) is misread from a tight
  // square crop: give short boxes a margin of card background on both sides
  const quads = kept.map((b) => (quadWidth(b.quad) < quadHeight(b.quad) * SHORT_BOX ? widen(b.quad, SHORT_MARGIN) : b.quad));
  const reads = await page.recognizeQuads(quads, { img, classify: false, keepVertical: true, topK: 5, minWidth: 16 });
  const lines: CardLine[] = [];
  kept.forEach((b, i) => {
    const r = reads[i];
    if (!r.text.trim()) return;
    const pts = b.quad.map(([x, y]) => deskew(x, y, skew));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    lines.push({ text: r.text, score: r.confidence, chars: charChoices(r.chars), x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
  });
  lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return { lines, skew };
}
export async function detectUpright(page: PageContext, maxSide = 1280): Promise<{ img: RgbImage; quarter: number; boxes: DetBox[] }> {
  const img0 = page.image;
  let quarter = 0;
  let img = img0;
  let boxes = await page.detect(img, detectOpts(maxSide));
  if (isSideways(boxes)) {
    quarter = 1;
    img = rotateImage(img0, 1);
    boxes = await page.detect(img, detectOpts(maxSide));
  }
  if ((await upsideDown(page, img, boxes)) > 0.5) {
    quarter += 2;
    img = rotateImage(img0, quarter as QuarterTurns);
    boxes = await page.detect(img, detectOpts(maxSide));
  }
  return { img, quarter, boxes };
}
/** Upright lines; `quarter` forces a turn (for the half-turned second opinion). */
export async function uprightPage(page: PageContext, quarter?: number): Promise<UprightPage> {
  let img: RgbImage, q: number, boxes: DetBox[];
  if (quarter === undefined) ({ img, quarter: q, boxes } = await detectUpright(page));
  else {
    q = quarter;
    img = rotateImage(page.image, (q % 4) as QuarterTurns);
    boxes = await page.detect(img, detectOpts(1280));
  }
  const { lines, skew } = await readLines(page, img, boxes);
  return { img, quarter: q, skew, lines, boxes };
}
