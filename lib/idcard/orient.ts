/**
 * Puts a card photo upright: quarter turns from the direction of the detected text lines
 * and the direction classifier, skew from the median angle of the lines. Returns the OCR
 * lines in the card's upright, de-skewed frame.
 */
import { detectText, type DetBox } from "../plate/ocr/det";
import { rotateQuarter, warpQuad, quadWidth, quadHeight, type Quad, type RawImage } from "../plate/ocr/image";
import { recognizeQuad } from "../plate/ocr/rec";
import { upsideDownProbability } from "../plate/ocr/cls";
import type { CardLine } from "./fields";

export interface UprightPage {
  /** the image turned by `quarter` clockwise quarter turns */
  img: RawImage;
  quarter: number;
  /** skew of the text in `img`, radians (positive = clockwise) */
  skew: number;
  lines: CardLine[];
  boxes: DetBox[];
}

const dir = (q: Quad) => Math.atan2(q[1][1] - q[0][1], q[1][0] - q[0][0]);

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Do most text lines run vertically? Then the card lies on its side. */
export function isSideways(boxes: DetBox[]): boolean {
  let v = 0, h = 0;
  for (const b of boxes) {
    const w = quadWidth(b.quad), ht = quadHeight(b.quad);
    if (w < ht * 2.5) continue; // only clearly elongated boxes tell direction
    const a = Math.abs(dir(b.quad));
    if (a > Math.PI / 4 && a < (3 * Math.PI) / 4) v += w; else h += w;
  }
  return v > h;
}

async function upsideDown(img: RawImage, boxes: DetBox[]): Promise<number> {
  const long = [...boxes].sort((a, b) => quadWidth(b.quad) - quadWidth(a.quad)).slice(0, 6);
  if (!long.length) return 0;
  let s = 0;
  for (const b of long) {
    const h = 48, w = Math.max(8, Math.round((quadWidth(b.quad) * h) / Math.max(quadHeight(b.quad), 1)));
    s += await upsideDownProbability(warpQuad(img, b.quad, w, h));
  }
  return s / long.length;
}

/** Rotates point p about the origin by -angle (undoing skew). */
const deskew = (x: number, y: number, a: number): [number, number] => [x * Math.cos(a) + y * Math.sin(a), -x * Math.sin(a) + y * Math.cos(a)];

export async function readLines(img: RawImage, boxes: DetBox[]): Promise<{ lines: CardLine[]; skew: number }> {
  const angles = boxes.filter((b) => quadWidth(b.quad) > quadHeight(b.quad) * 2.5).map((b) => dir(b.quad));
  const skew = median(angles);
  const lines: CardLine[] = [];
  for (const b of boxes) {
    if (quadWidth(b.quad) < quadHeight(b.quad) * 0.6) continue;
    const r = await recognizeQuad(img, b.quad);
    if (!r.text.trim()) continue;
    const pts = b.quad.map(([x, y]) => deskew(x, y, skew));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    lines.push({ text: r.text, score: r.score, chars: r.chars, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
  }
  lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return { lines, skew };
}

export async function detectUpright(img0: RawImage, maxSide = 1280): Promise<{ img: RawImage; quarter: number; boxes: DetBox[] }> {
  let quarter = 0;
  let img = img0;
  let boxes = await detectText(img, { maxSide });
  if (isSideways(boxes)) {
    quarter = 1;
    img = rotateQuarter(img0, 1);
    boxes = await detectText(img, { maxSide });
  }
  if ((await upsideDown(img, boxes)) > 0.5) {
    quarter += 2;
    img = rotateQuarter(img0, quarter);
    boxes = await detectText(img, { maxSide });
  }
  return { img, quarter, boxes };
}

/** Upright lines; `alternative` gives the half-turned reading for a second opinion. */
export async function uprightPage(img0: RawImage, quarter?: number): Promise<UprightPage> {
  let img: RawImage, q: number, boxes: DetBox[];
  if (quarter === undefined) ({ img, quarter: q, boxes } = await detectUpright(img0));
  else {
    q = quarter;
    img = rotateQuarter(img0, q);
    boxes = await detectText(img, { maxSide: 1280 });
  }
  const { lines, skew } = await readLines(img, boxes);
  return { img, quarter: q, skew, lines, boxes };
}
