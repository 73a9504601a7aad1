/** PP-OCRv4 text detection (DB) with a small post-processor: components → rotated boxes. */
import { loadModels, ort } from "./models";
import { resizeRaw, type Point, type Quad, type RawImage } from "./image";

export interface DetBox {
  quad: Quad; // LT, RT, RB, LB in image pixels
  score: number;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export interface DetOptions {
  maxSide?: number; // long side the image is scaled to (multiple of 32)
  thresh?: number;
  boxThresh?: number;
  unclip?: number;
  minSize?: number;
}

export async function detectText(img: RawImage, opt: DetOptions = {}): Promise<DetBox[]> {
  const { det } = await loadModels();
  const maxSide = opt.maxSide ?? 960;
  const s = Math.min(1, maxSide / Math.max(img.width, img.height));
  // upscale small images so text is detectable
  const up = Math.max(img.width, img.height) < 320 ? 320 / Math.max(img.width, img.height) : s;
  const w = Math.max(32, Math.round((img.width * up) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * up) / 32) * 32);
  const r = resizeRaw(img, w, h);
  const t = new Float32Array(3 * w * h);
  for (let i = 0; i < w * h; i++) {
    // BGR order
    t[i] = (r.data[i * 3 + 2] / 255 - MEAN[0]) / STD[0];
    t[w * h + i] = (r.data[i * 3 + 1] / 255 - MEAN[1]) / STD[1];
    t[2 * w * h + i] = (r.data[i * 3] / 255 - MEAN[2]) / STD[2];
  }
  const out = await det.run({ [det.inputNames[0]]: new ort.Tensor("float32", t, [1, 3, h, w]) });
  const prob = out[det.outputNames[0]].data as Float32Array;
  const boxes = boxesFromMap(prob, w, h, opt);
  const fx = img.width / w, fy = img.height / h;
  return boxes.map((b) => ({ score: b.score, quad: b.quad.map(([x, y]) => [x * fx, y * fy]) as Quad }));
}

/** Connected components of the thresholded map, each turned into its minimum-area rectangle, then unclipped. */
export function boxesFromMap(prob: Float32Array, w: number, h: number, opt: DetOptions = {}): DetBox[] {
  const thresh = opt.thresh ?? 0.3, boxThresh = opt.boxThresh ?? 0.55, unclip = opt.unclip ?? 1.6, minSize = opt.minSize ?? 3;
  const label = new Int32Array(w * h);
  const res: DetBox[] = [];
  const stack: number[] = [];
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (label[i] || prob[i] <= thresh) continue;
    n++;
    label[i] = n;
    stack.push(i);
    const pts: Point[] = [];
    let sum = 0;
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % w, y = (j - x) / w;
      pts.push([x, y]);
      sum += prob[j];
      if (x > 0 && !label[j - 1] && prob[j - 1] > thresh) { label[j - 1] = n; stack.push(j - 1); }
      if (x < w - 1 && !label[j + 1] && prob[j + 1] > thresh) { label[j + 1] = n; stack.push(j + 1); }
      if (y > 0 && !label[j - w] && prob[j - w] > thresh) { label[j - w] = n; stack.push(j - w); }
      if (y < h - 1 && !label[j + w] && prob[j + w] > thresh) { label[j + w] = n; stack.push(j + w); }
    }
    if (pts.length < 4) continue;
    const score = sum / pts.length;
    if (score < boxThresh) continue;
    const rect = minAreaRect(pts);
    if (Math.min(rect.w, rect.h) < minSize) continue;
    // unclip: grow each side by area*ratio/perimeter (DB convention)
    const rw = rect.w + 1, rh = rect.h + 1;
    const d = (rw * rh * unclip) / (2 * (rw + rh));
    res.push({ score, quad: rectQuad({ ...rect, w: rw + 2 * d, h: rh + 2 * d }) });
  }
  return res;
}

interface Rect { cx: number; cy: number; w: number; h: number; angle: number } // angle of the w side, radians

function convexHull(pts: Point[]): Point[] {
  const p = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lo: Point[] = [], hi: Point[] = [];
  for (const q of p) { while (lo.length >= 2 && cross(lo[lo.length - 2], lo[lo.length - 1], q) <= 0) lo.pop(); lo.push(q); }
  for (let i = p.length - 1; i >= 0; i--) { const q = p[i]; while (hi.length >= 2 && cross(hi[hi.length - 2], hi[hi.length - 1], q) <= 0) hi.pop(); hi.push(q); }
  return lo.slice(0, -1).concat(hi.slice(0, -1));
}

export function minAreaRect(pts: Point[]): Rect {
  // pixel centres → pixel corners so 1-px-wide components have area
  const corners: Point[] = [];
  for (const [x, y] of pts) corners.push([x, y], [x + 1, y], [x, y + 1], [x + 1, y + 1]);
  const hull = convexHull(corners);
  let best: Rect | null = null, bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i], b = hull[(i + 1) % hull.length];
    const ang = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const c = Math.cos(ang), s = Math.sin(ang);
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * c + y * s, v = -x * s + y * c;
      if (u < minU) minU = u; if (u > maxU) maxU = u; if (v < minV) minV = v; if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
      best = { cx: cu * c - cv * s, cy: cu * s + cv * c, w: maxU - minU, h: maxV - minV, angle: ang };
    }
  }
  const r = best!;
  // normalise: w is the longer side, angle in (-90°, 90°]
  let { w, h, angle } = r;
  if (h > w) { [w, h] = [h, w]; angle += Math.PI / 2; }
  while (angle > Math.PI / 2) angle -= Math.PI;
  while (angle <= -Math.PI / 2) angle += Math.PI;
  return { cx: r.cx, cy: r.cy, w, h, angle };
}

/** LT, RT, RB, LB of a rotated rectangle whose w side runs left→right. */
export function rectQuad(r: Rect): Quad {
  const c = Math.cos(r.angle), s = Math.sin(r.angle);
  const ux = (c * r.w) / 2, uy = (s * r.w) / 2, vx = (-s * r.h) / 2, vy = (c * r.h) / 2;
  return [
    [r.cx - ux - vx, r.cy - uy - vy],
    [r.cx + ux - vx, r.cy + uy - vy],
    [r.cx + ux + vx, r.cy + uy + vy],
    [r.cx - ux + vx, r.cy - uy + vy],
  ];
}
