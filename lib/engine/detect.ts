/**
 * Text detection: PP-OCRv4 DB model, then DB post-processing (binarise the
 * probability map, connected components, minimum-area rectangles, box score,
 * unclip by area·ratio/perimeter) with boxes mapped back to the input image.
 */
import sharp from "sharp";
import * as ort from "onnxruntime-node";
import type { Models } from "./models";
import type { RgbImage } from "./image";
import { convexHull, growRect, inQuad, minAreaRect, rectCorners, type Point, type Quad } from "./geometry";
import { ARC_LIMITS, arcMean, arcOutline, arcSize, fitArc, growArc, joinArcs, scaleArc, type Arc, type ArcLimits } from "./arc";

export interface DetectedBox {
  /** LT, RT, RB, LB in the input image's pixel coordinates (edges, not centres). */
  quad: Quad;
  /** mean text probability inside the box */
  score: number;
  /** Set when the line bends along a circle (a seal's rim): read it unrolled (lib/engine/arc.ts), not from `quad`. */
  arc?: Arc;
}

export interface DetectOptions {
  /** Longest side fed to the model (multiple of 32), unless limitArea is given. Default 960. */
  limitSide?: number;
  /**
   * Instead of limitSide: the model's input is at most this many pixels, so a
   * wide short line 5000×40 is not shrunk to 960×8, where its text vanishes.
   * General OCR uses 960² (the same input as before for a square page).
   */
  limitArea?: number;
  /** Images whose longest side is below this are enlarged to it. Default 640. */
  minSide?: number;
  thresh?: number;
  boxThresh?: number;
  /**
   * Box growth, PaddleOCR's 1.5 by default; 1.6 measured better on the real corpus
   * (strict 0.951→0.952, forgiving 0.972→0.975), a set that may not choose constants:
   * the tuning-half sweep (bench/sweep-engine.ts unclip) did not finish on the shared
   * machine (2 of 24 pages in 9 min), so 1.6 stands unconfirmed by the tuning half.
   */
  unclipRatio?: number;
  /** Re-detect a shrunk page at a larger scale when its text came out small (default false; general OCR turns it on). */
  rescale?: boolean;
  /** With rescale: the box height (model-input px) at or below which the page is re-detected, and the height it is scaled to (defaults SMALL_BOX, TARGET_BOX; options for bench/sweep-engine.ts). */
  smallBox?: number;
  targetBox?: number;
  /**
   * Take a band whose rectangle scores below boxThresh as a line along a circle
   * when it fits one (lib/engine/arc.ts), instead of dropping it (general OCR).
   */
  arcs?: boolean;
  /** With arcs: the shape limits (default ARC_LIMITS; an option for bench/sweep-engine.ts arc). */
  arcLimits?: ArcLimits;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * Text whose boxes are lower than SMALL_BOX px in the model's input (a quarter
 * of the boxes at or below it) is re-detected at the scale that makes them
 * TARGET_BOX px, at most the image's own. A box is ~1.3× the font size, so
 * SMALL_BOX 12 is ~9-px text: a 4900×4900 page of 28-px text comes out at
 * 5.5 px when shrunk to 960 (the page lost 38 of 106 lines so); at
 * TARGET_BOX 20 the rendered page of 106 lines of 160 characters reads 1.000
 * of its characters (0.894 before; one page measured)
 * with the detector seeing 2752² px, 0.32 of the 4900² raw feeds it. NOT swept:
 * bench/sweep-engine.ts scale (SMALL_BOX 9/12/15 × TARGET_BOX 16/20/24 on the rendered
 * large pages of even index, lib/render/textset renderLargePage) is committed but did not
 * finish on the shared 2-core machine (3 pages × 3 settings, stopped after 45 min).
 */
const SMALL_BOX = 12;
const TARGET_BOX = 20;
/** Rows of the model's input per band when a large page is detected in bands, and their overlap (multiples of 32). */
const BAND = 1024;
const BAND_OVERLAP = 128;

/** Resizes raw RGB with sharp (native, off the JS thread). */
export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (width === img.width && height === img.height) return img;
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: "fill", kernel: "linear" })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

const round32 = (v: number) => Math.max(32, Math.round(v / 32) * 32);

/**
 * The model's input size: the image shrunk to a longest side of limitSide, or
 * to an area of limitArea when given, or enlarged when its longest side is below minSide.
 */
export function detectSize(w: number, h: number, limitSide: number, minSide: number, limitArea?: number): { w: number; h: number } {
  const long = Math.max(w, h);
  let ratio = 1;
  if (limitArea !== undefined ? w * h > limitArea : long > limitSide) ratio = limitArea !== undefined ? Math.sqrt(limitArea / (w * h)) : limitSide / long;
  else if (long < minSide) ratio = minSide / long;
  return { w: round32(w * ratio), h: round32(h * ratio) };
}

/** (v/255 - MEAN[c])/STD[c] for every byte value v, per channel of the model's input (the same float32 values as computed per pixel). */
const NORM = MEAN.map((m, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - m) / STD[c]));

/** The model's probability map of an image whose sides are multiples of 32. */
async function probabilityMap(models: Models, img: RgbImage): Promise<Float32Array> {
  const plane = img.width * img.height;
  const input = new Float32Array(plane * 3);
  const d = img.data;
  const [n0, n1, n2] = NORM;
  // PaddleOCR feeds BGR (cv2 order) normalised with ImageNet mean/std.
  for (let i = 0, j = 0; i < plane; i++, j += 3) {
    input[i] = n0[d[j + 2]];
    input[plane + i] = n1[d[j + 1]];
    input[2 * plane + i] = n2[d[j]];
  }
  const out = await models.det.run({ [models.det.inputNames[0]]: new ort.Tensor("float32", input, [1, 3, img.height, img.width]) });
  return out[models.det.outputNames[0]].data as Float32Array;
}

type Post = { thresh: number; boxThresh: number; unclipRatio: number; arcs?: boolean; arcLimits?: ArcLimits };

/** Boxes of an image resized to `size`, in the resized image's pixels; bands of BAND rows when taller. */
async function detectResized(models: Models, img: RgbImage, size: { w: number; h: number }, post: Post): Promise<DetectedBox[]> {
  const resized = await resizeRgb(img, size.w, size.h);
  if (size.h <= BAND) return boxesFromMap(await probabilityMap(models, resized), size.w, size.h, post);
  const out: DetectedBox[] = [];
  const step = BAND - BAND_OVERLAP;
  for (let y0 = 0; y0 < size.h; y0 += step) {
    const rows = Math.min(BAND, size.h - y0);
    const band: RgbImage = { width: size.w, height: rows, data: resized.data.subarray(y0 * size.w * 3, (y0 + rows) * size.w * 3) };
    const boxes = boxesFromMap(await probabilityMap(models, band), size.w, rows, post);
    // A box belongs to the band whose core (the band less half the overlap at inner edges) holds its centre.
    const lo = y0 === 0 ? -Infinity : BAND_OVERLAP / 2;
    const last = y0 + rows >= size.h;
    const hi = last ? Infinity : rows - BAND_OVERLAP / 2;
    for (const b of boxes) {
      const cy = b.quad.reduce((s, p) => s + p[1], 0) / 4;
      if (cy >= lo && cy < hi) out.push({ ...b, quad: b.quad.map(([x, y]) => [x, y + y0]) as Quad, ...(b.arc && { arc: scaleArc(b.arc, 1, 1, 0, y0) }) });
    }
    if (last) break;
  }
  return out;
}

/** The lower quartile of the boxes' heights (short sides), in the pixels they are given in. */
function smallBoxHeight(boxes: DetectedBox[]): number {
  const h = boxes.map((b) => Math.min(Math.hypot(b.quad[1][0] - b.quad[0][0], b.quad[1][1] - b.quad[0][1]), Math.hypot(b.quad[3][0] - b.quad[0][0], b.quad[3][1] - b.quad[0][1]))).sort((a, b) => a - b);
  return h[Math.floor(h.length / 4)];
}

export async function detectText(models: Models, img: RgbImage, opts: DetectOptions = {}): Promise<DetectedBox[]> {
  const { limitSide = 960, minSide = 640, thresh = 0.3, boxThresh = 0.6, unclipRatio = 1.6 } = opts;
  const post = { thresh, boxThresh, unclipRatio, arcs: opts.arcs, arcLimits: opts.arcLimits };
  let size = detectSize(img.width, img.height, limitSide, minSide, opts.limitArea);
  let boxes = await detectResized(models, img, size, post);
  const scale = size.w / img.width;
  if (opts.rescale === true && scale < 1 && boxes.length > 0) {
    const small = smallBoxHeight(boxes);
    if (small <= (opts.smallBox ?? SMALL_BOX)) {
      const k = Math.min(1 / scale, (opts.targetBox ?? TARGET_BOX) / Math.max(small, 1));
      size = { w: round32(size.w * k), h: round32(size.h * k) };
      boxes = await detectResized(models, img, size, post);
    }
  }
  const sx = img.width / size.w;
  const sy = img.height / size.h;
  return boxes.map((b) => ({
    score: b.score,
    quad: b.quad.map(([x, y]) => [clamp(x * sx, 0, img.width), clamp(y * sy, 0, img.height)]) as Quad,
    ...(b.arc && { arc: scaleArc(b.arc, sx, sy) }),
  }));
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** DB post-processing on a probability map of w×h. Coordinates are in map pixels (edge coordinates). */
export function boxesFromMap(
  pred: Float32Array,
  w: number,
  h: number,
  { thresh, boxThresh, unclipRatio, arcs = false, arcLimits }: Post,
): DetectedBox[] {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  // the current component's pixels, for fitting an arc
  const members = arcs ? new Int32Array(w * h) : new Int32Array(0);
  const boxes: DetectedBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (pred[start] <= thresh || label[start] !== 0) continue;
    next++;
    // Flood fill (8-connected), tracking each row's extreme pixels for the hull.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let sp = 0;
    stack[sp++] = start;
    label[start] = next;
    let count = 0;
    while (sp > 0) {
      const p = stack[--sp];
      const x = p % w;
      const y = (p - x) / w;
      if (arcs) members[count] = p;
      count++;
      const mn = rowMin.get(y);
      if (mn === undefined || x < mn) rowMin.set(y, x);
      const mx = rowMax.get(y);
      if (mx === undefined || x > mx) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (label[q] === 0 && pred[q] > thresh) {
            label[q] = next;
            stack[sp++] = q;
          }
        }
      }
    }
    if (count < 4) continue;
    const pts: Point[] = [];
    for (const [y, x0] of rowMin) {
      pts.push([x0 + 0.5, y + 0.5]);
      const x1 = rowMax.get(y) ?? x0;
      if (x1 !== x0) pts.push([x1 + 0.5, y + 0.5]);
    }
    const rect = minAreaRect(convexHull(pts));
    if (Math.min(rect.w, rect.h) < 3) continue;
    const quad = rectCorners(rect);
    const score = meanInQuad(pred, w, h, quad);
    const limits = arcLimits ?? ARC_LIMITS;
    if (arcs && score < limits.tryBelow) {
      // a bent band fills its rectangle poorly: read it along its circle when it has one
      const arc = arcBox(pred, w, h, members.subarray(0, count), Math.max(boxThresh, score), unclipRatio, limits);
      if (arc) {
        boxes.push(arc);
        continue;
      }
    }
    if (score < boxThresh) continue;
    const dist = (rect.w * rect.h * unclipRatio) / (2 * (rect.w + rect.h));
    const grown = growRect(rect, dist);
    if (Math.min(grown.w, grown.h) < 5) continue;
    boxes.push({ quad: rectCorners(grown), score });
  }
  return arcs ? joinArcBoxes(boxes) : boxes;
}

/** Pieces of one line along a circle (a seal's rim broken between two characters) joined into one box. */
function joinArcBoxes(boxes: DetectedBox[]): DetectedBox[] {
  const arcsIn = boxes.filter((b) => b.arc);
  if (arcsIn.length < 2) return boxes;
  const joined = joinArcs(arcsIn.map((b) => b.arc!));
  if (joined.length === arcsIn.length) return boxes;
  return [
    ...boxes.filter((b) => !b.arc),
    ...joined.map((a) => ({ arc: a, quad: rectCorners(minAreaRect(convexHull(arcOutline(a)))), score: Math.max(...arcsIn.map((b) => b.score)) })),
  ];
}

/** The component as a line along a circle, when it fits one and its band scores at least boxThresh. */
function arcBox(pred: Float32Array, w: number, h: number, members: Int32Array, boxThresh: number, unclipRatio: number, limits?: ArcLimits): DetectedBox | null {
  const n = members.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = (members[i] % w) + 0.5;
    ys[i] = Math.floor(members[i] / w) + 0.5;
  }
  const arc = fitArc(xs, ys, n, limits);
  if (!arc) return null;
  const score = arcMean(pred, w, h, arc);
  if (score < boxThresh) return null;
  const { w: len, h: thick } = arcSize(arc);
  const grown = growArc(arc, (len * thick * unclipRatio) / (2 * (len + thick)));
  // The box reported is the grown band's minimum-area rectangle.
  return { quad: rectCorners(minAreaRect(convexHull(arcOutline(grown)))), score, arc: grown };
}

function meanInQuad(pred: Float32Array, w: number, h: number, q: Quad): number {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(w - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(h - 1, Math.ceil(Math.max(...ys)));
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!inQuad(q, x + 0.5, y + 0.5)) continue;
      sum += pred[y * w + x];
      n++;
    }
  }
  return n ? sum / n : 0;
}
