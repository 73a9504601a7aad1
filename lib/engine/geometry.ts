/** Plane geometry for text boxes: hulls, minimum-area rectangles, homographies. */
export type Point = [number, number];
/** Four corners in order LT, RT, RB, LB. */
export type Quad = [Point, Point, Point, Point];

export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in y-down coords. */
export function convexHull(points: Point[]): Point[] {
  const pts = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  cx: number;
  cy: number;
  /** side along `angle` */
  w: number;
  /** side perpendicular to `angle` */
  h: number;
  /** radians, direction of the `w` side */
  angle: number;
}

/** Minimum-area enclosing rectangle of a convex hull (rotating calipers over hull edges). */
export function minAreaRect(hull: Point[]): RotatedRect {
  if (hull.length === 0) return { cx: 0, cy: 0, w: 0, h: 0, angle: 0 };
  if (hull.length === 1) return { cx: hull[0][0], cy: hull[0][1], w: 0, h: 0, angle: 0 };
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i];
    const b = hull[(i + 1) % hull.length];
    const len = dist(a, b);
    if (len === 0) continue;
    const ux = (b[0] - a[0]) / len;
    const uy = (b[1] - a[1]) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, w: maxU - minU, h: maxV - minV, angle: Math.atan2(uy, ux) };
    }
  }
  return best ?? { cx: hull[0][0], cy: hull[0][1], w: 0, h: 0, angle: 0 };
}

/** Corners of a rotated rectangle, ordered LT, RT, RB, LB (as PaddleOCR's get_mini_boxes). */
export function rectCorners(r: RotatedRect): Quad {
  const ux = Math.cos(r.angle), uy = Math.sin(r.angle);
  const hw = r.w / 2, hh = r.h / 2;
  const pts: Point[] = [
    [r.cx - ux * hw + uy * hh, r.cy - uy * hw - ux * hh],
    [r.cx + ux * hw + uy * hh, r.cy + uy * hw - ux * hh],
    [r.cx + ux * hw - uy * hh, r.cy + uy * hw + ux * hh],
    [r.cx - ux * hw - uy * hh, r.cy - uy * hw + ux * hh],
  ];
  return orderQuad(pts);
}

/**
 * Orders four corners LT, RT, RB, LB the way PaddleOCR does: the two
 * left-most points are the left side (upper one first), the others the right.
 */
export function orderQuad(pts: Point[]): Quad {
  const s = pts.slice().sort((a, b) => a[0] - b[0]);
  const [l1, l2] = s[0][1] <= s[1][1] ? [s[0], s[1]] : [s[1], s[0]];
  const [r1, r2] = s[2][1] <= s[3][1] ? [s[2], s[3]] : [s[3], s[2]];
  return [l1, r1, r2, l2];
}

/** Expands a rotated rectangle by `d` on every side. */
export function growRect(r: RotatedRect, d: number): RotatedRect {
  return { ...r, w: r.w + 2 * d, h: r.h + 2 * d };
}

/** 3×3 homography (row-major, h[8] = 1) mapping the unit rectangle corners src→dst. */
export function homography(src: Quad, dst: Quad): number[] {
  // Solve the 8×8 system A·h = b.
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i];
    const [u, v] = dst[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(A, b);
  return [...h, 1];
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const piv = M[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / (row[i] || 1e-12));
}

export function applyHomography(h: number[], x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

export function quadBounds(q: Quad): { minX: number; minY: number; maxX: number; maxY: number } {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Width (LT→RT / LB→RB) and height (LT→LB / RT→RB) of a quad, the larger of each pair. */
export function quadSize(q: Quad): { w: number; h: number } {
  return {
    w: Math.max(dist(q[0], q[1]), dist(q[3], q[2])),
    h: Math.max(dist(q[0], q[3]), dist(q[1], q[2])),
  };
}

/** Point-in-convex-quad test (either winding). */
export function inQuad(q: Quad, x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i];
    const b = q[(i + 1) % 4];
    const c = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    if (c !== 0) {
      const s = c > 0 ? 1 : -1;
      if (sign === 0) sign = s;
      else if (s !== sign) return false;
    }
  }
  return true;
}

/** Mean length of the top and bottom sides. */
export function quadWidth(q: Quad): number {
  return (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
}

/** Mean length of the left and right sides. */
export function quadHeight(q: Quad): number {
  return (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
}

export function quadCenter(q: Quad): Point {
  return [(q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4, (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4];
}

/** Axis-aligned box of a quad as x0, y0, x1, y1. */
export function quadBox(q: Quad): { x0: number; y0: number; x1: number; y1: number } {
  const b = quadBounds(q);
  return { x0: b.minX, y0: b.minY, x1: b.maxX, y1: b.maxY };
}
