/**
 * Where plates may be: text-detector boxes (single rows, and a short upper row stacked on a
 * longer lower row for two-row plates), plus plate-coloured blobs the detector missed.
 */
import { colourCode } from "./colour";
import { convexHull, minAreaRect, quadBox as quadBounds, quadCenter, quadHeight, quadWidth, rectCorners, type Point, type Quad } from "../engine/geometry";
import type { DetectedBox as DetBox } from "../engine/detect";
import type { RgbImage as RawImage } from "../engine/image";

export interface Candidate {
  /** quad of the plate region (LT, RT, RB, LB) */
  quad: Quad;
  /** for two-row plates: upper and lower row quads, read separately and joined */
  rows?: [Quad, Quad];
  source: "text" | "two-row" | "colour" | "whole";
  /** the detector's own box, for text candidates */
  det?: Quad;
}

/** Grows a quad along its own axes: dx, dy as fractions of its height. */
export function growQuad(q: Quad, dxH: number, dyH: number): Quad {
  const h = quadHeight(q), w = quadWidth(q);
  const ux = (q[1][0] - q[0][0]) / (w || 1), uy = (q[1][1] - q[0][1]) / (w || 1);
  const vx = (q[3][0] - q[0][0]) / (h || 1), vy = (q[3][1] - q[0][1]) / (h || 1);
  const ex = dxH * h, ey = dyH * h;
  return [
    [q[0][0] - ux * ex - vx * ey, q[0][1] - uy * ex - vy * ey],
    [q[1][0] + ux * ex - vx * ey, q[1][1] + uy * ex - vy * ey],
    [q[2][0] + ux * ex + vx * ey, q[2][1] + uy * ex + vy * ey],
    [q[3][0] - ux * ex + vx * ey, q[3][1] - uy * ex + vy * ey],
  ];
}

/** Upper-row characters of a two-row plate: a box at most this many heights wide, pairs at most TOP_GAP heights apart. */
const TOP_CHAR_ASPECT = 1.5;
const TOP_GAP = 3;

export function textCandidates(boxes: DetBox[]): Candidate[] {
  const out: Candidate[] = [];
  const joined: Quad[] = [];
  for (const b of boxes) {
    const w = quadWidth(b.quad), h = quadHeight(b.quad);
    if (h < 6 || w / h < 1.4 || w / h > 14) continue;
    out.push({ quad: growQuad(b.quad, 0.25, 0.08), det: b.quad, source: "text" });
  }
  // a row split in two by the detector (e.g. the red 警 of police plates): join neighbours on one line
  // (heights along the boxes, so a tilted row is not mistaken for a taller one; the detector's
  // box of a lone province character on a dark plate can be much smaller than the rest)
  for (const a of boxes) {
    const ab = quadBounds(a.quad), ah = quadHeight(a.quad);
    for (const b of boxes) {
      if (a === b) continue;
      const bb = quadBounds(b.quad), bh = quadHeight(b.quad);
      const gap = bb.x0 - ab.x1;
      if (gap < -0.5 * ah || gap > 0.8 * Math.max(ah, bh)) continue; // -0.2 missed overlapping 粤 and Z boxes of a small two-row plate (rendered tuning half)
      if (bh < ah * 0.45 || bh > ah * 1.8) continue;
      const cy = quadCenter(a.quad)[1], cyb = quadCenter(b.quad)[1];
      if (Math.abs(cy - cyb) > Math.max(ah, bh) * 0.35) continue;
      const x0 = ab.x0, x1 = bb.x1, y0 = Math.min(ab.y0, bb.y0), y1 = Math.max(ab.y1, bb.y1);
      const q: Quad = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
      out.push({ quad: growQuad(q, 0.15, 0.04), det: q, source: "text" });
      joined.push(q);
    }
  }
  // the upper row of a two-row plate spaces its two characters wide apart (桂   Q): the detector
  // boxes them apart, further than the neighbour join above reaches; such a pair (each box at
  // most TOP_CHAR_ASPECT wide for its height, at most TOP_GAP heights apart) is an upper row
  // only, never a single-row candidate. Rendered tuning half: plate-0236 (yellow 挂 two-row,
  // 桂 and Q 1.6 heights apart) read nothing before.
  for (const a of boxes) {
    const ab = quadBounds(a.quad), ah = quadHeight(a.quad);
    if (quadWidth(a.quad) > ah * TOP_CHAR_ASPECT) continue;
    for (const b of boxes) {
      if (a === b || quadWidth(b.quad) > quadHeight(b.quad) * TOP_CHAR_ASPECT) continue;
      const bb = quadBounds(b.quad), bh = quadHeight(b.quad);
      const gap = bb.x0 - ab.x1;
      if (gap <= 0.8 * Math.max(ah, bh) || gap > TOP_GAP * Math.max(ah, bh)) continue;
      if (bh < ah * 0.6 || bh > ah * 1.6) continue;
      if (Math.abs(quadCenter(a.quad)[1] - quadCenter(b.quad)[1]) > Math.max(ah, bh) * 0.35) continue;
      const y0 = Math.min(ab.y0, bb.y0), y1 = Math.max(ab.y1, bb.y1);
      joined.push([[ab.x0, y0], [bb.x1, y0], [bb.x1, y1], [ab.x0, y1]]);
    }
  }
  // two-row: a short upper row (province + letter) centred over a taller lower row; the upper
  // row may be detected as two boxes (粤 and Z of a small two-row plate), so joined rows count too
  const rowQuads = [...boxes.map((b) => b.quad), ...joined];
  for (const aq of rowQuads) {
    const a = { quad: aq };
    const ab = quadBounds(a.quad), ah = quadHeight(a.quad), aw = quadWidth(a.quad);
    if (aw / ah > 5) continue; // 4 left out the WJ沪 top row of armed-police plates (rendered tuning half)
    for (const b of boxes) {
      if (a === b) continue;
      const bb = quadBounds(b.quad), bh = quadHeight(b.quad), bw = quadWidth(b.quad);
      if (bw < aw * 1.3 || bh < ah * 0.9 || bh > ah * 3) continue;
      const gap = bb.y0 - ab.y1;
      if (gap < -0.6 * ah || gap > 0.8 * bh) continue; // -0.3 missed a tilted small two-row plate, -0.5 the joined 桂 Q row of tilted plate-0236 (rendered tuning half)
      const [acx] = quadCenter(a.quad);
      if (acx < bb.x0 || acx > bb.x1) continue;
      const x0 = Math.min(ab.x0, bb.x0), x1 = Math.max(ab.x1, bb.x1);
      out.push({
        quad: [[x0, ab.y0], [x1, ab.y0], [x1, bb.y1], [x0, bb.y1]],
        rows: [growQuad(a.quad, 0.2, 0.06), growQuad(b.quad, 0.2, 0.06)],
        source: "two-row",
      });
    }
  }
  return out;
}

/**
 * The band above a lower row where a two-row plate's upper row (province + letter) stands when
 * the detector found no usable box there: along the row's own sides, from UPPER_ROW.from to
 * UPPER_ROW.to of its height above its top edge. Rendered tuning half: plate-0118 (yellow
 * 鄂J FM7B3) and plate-0128 (green 粤J 01725D), whose upper rows were never boxed, stand 0.77–0.34
 * of the lower box's height above it; 1.0–0.1 reads both whole (鄂J 1.00/0.91, 粤J 0.93/0.72),
 * and plate-0508's 豫M (boxed as two overlapping pieces, read 豫 or M alone) as well.
 */
export const UPPER_ROW = { from: 1.0, to: 0.1 } as const;
export function upperRowQuad(q: Quad): Quad {
  const l: Point = [q[3][0] - q[0][0], q[3][1] - q[0][1]], r: Point = [q[2][0] - q[1][0], q[2][1] - q[1][1]];
  const at = (p: Point, v: Point, k: number): Point => [p[0] - v[0] * k, p[1] - v[1] * k];
  return [at(q[0], l, UPPER_ROW.from), at(q[1], r, UPPER_ROW.from), at(q[1], r, UPPER_ROW.to), at(q[0], l, UPPER_ROW.to)];
}

/** Plate-coloured (blue, yellow, green) blobs with a plate-like shape, found on a downscaled copy. */
export function colourCandidates(img: RawImage, maxBlobs = 6): Candidate[] {
  const scale = Math.min(1, 480 / Math.max(img.width, img.height));
  const w = Math.max(1, Math.round(img.width * scale)), h = Math.max(1, Math.round(img.height * scale));
  const cls = new Uint8Array(w * h); // 1 blue 2 yellow 3 green
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x / scale)), sy = Math.min(img.height - 1, Math.floor(y / scale));
      const i = (sy * img.width + sx) * 3;
      const c = colourCode(img.data[i], img.data[i + 1], img.data[i + 2]);
      cls[y * w + x] = c <= 3 ? c : 0; // colourCode's 1 blue 2 yellow 3 green
    }
  // close small gaps (characters) horizontally: a pixel between same-class pixels within 3 px joins them
  const filled = cls.slice();
  for (let y = 0; y < h; y++) {
    let last = -10, lastC = 0;
    for (let x = 0; x < w; x++) {
      const c = cls[y * w + x];
      if (c) {
        if (c === lastC && x - last <= 4) for (let k = last + 1; k < x; k++) filled[y * w + k] = c;
        last = x;
        lastC = c;
      }
    }
  }
  const seen = new Uint8Array(w * h);
  const blobs: { quad: Quad; n: number }[] = [];
  const stack: number[] = [];
  for (let i = 0; i < w * h; i++) {
    if (!filled[i] || seen[i]) continue;
    const c = filled[i];
    let x0 = w, y0 = h, x1 = 0, y1 = 0, n = 0;
    // each row's leftmost and rightmost pixel, as pixel corners: enough for the hull
    const rowMin = new Map<number, number>(), rowMax = new Map<number, number>();
    seen[i] = 1;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % w, y = (j - x) / w;
      n++;
      const mn = rowMin.get(y), mx = rowMax.get(y);
      if (mn === undefined || x < mn) rowMin.set(y, x);
      if (mx === undefined || x > mx) rowMax.set(y, x);
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      for (const k of [j - 1, j + 1, j - w, j + w]) {
        if (k < 0 || k >= w * h || seen[k] || filled[k] !== c) continue;
        if ((k === j - 1 && x === 0) || (k === j + 1 && x === w - 1)) continue;
        seen[k] = 1;
        stack.push(k);
      }
    }
    if (n < 30) continue;
    if (x1 - x0 > w * 0.9 && y1 - y0 > h * 0.5) continue; // the whole picture is one colour (close-up): handled as "whole"
    const corners: Point[] = [];
    for (const [y, xa] of rowMin) {
      const xb = (rowMax.get(y) ?? xa) + 1;
      corners.push([xa, y], [xa, y + 1], [xb, y], [xb, y + 1]);
    }
    const r = minAreaRect(convexHull(corners));
    const long = Math.max(r.w, r.h), short = Math.min(r.w, r.h);
    if (long < 12 || short < 4 || long / short < 1.5 || long / short > 6) continue;
    if (n / (long * short) < 0.5) continue; // plates are solid rectangles
    const grown = r.w >= r.h ? { ...r, w: r.w * 1.04, h: r.h * 1.08 } : { ...r, w: r.w * 1.08, h: r.h * 1.04 };
    const q = rectCorners(grown);
    blobs.push({ quad: q.map(([x, y]) => [x / scale, y / scale]) as Quad, n });
  }
  blobs.sort((a, b) => b.n - a.n);
  return blobs.slice(0, maxBlobs).map((b) => ({ quad: b.quad, source: "colour" as const }));
}
