/**
 * Text along a circular arc: the rim line of a round seal (公章, 专用章) or a
 * ribbon. DB detection finds such a line as one curved band; its minimum-area
 * rectangle is mostly empty, so the box score rejects it (g_tr_stamp: 0.21) or,
 * kept, the straight crop reads two characters of eight. Here the band is
 * fitted with a circle and unrolled into a straight strip for the recogniser.
 */
import type { Point } from "./geometry";
import type { RgbImage } from "./image";

export interface Arc {
  /** circle centre and the band's inner and outer radius, in image pixels */
  cx: number;
  cy: number;
  rIn: number;
  rOut: number;
  /** angle (radians, y down) where reading starts, and the signed sweep to where it ends */
  start: number;
  sweep: number;
}

/**
 * Which components are read along a circle, chosen with `npx tsx bench/sweep-engine.ts arc
 * --set bench/out/text/seal-tune --limit 20` on the seals' TUNING half (bench/results/sweep-arc.txt;
 * 20 seals, 93 lines): arcs off 74/93 lines, strict/forgiving 0.738/0.898.
 * - tryBelow: a component whose rectangle scores below it is tried as an arc (the box score's
 *   scale): 0.3 → 90/93 lines, 0.813/0.979; 0.5 → 92/93, 0.839/0.995; 0.7 → 93/93, 0.839/0.995.
 * - minSweep, the least a band bends: 20°, 40°, 60° alike (90° loses 2 lines); 40° kept.
 * - maxThickness, its greatest thickness as a share of its radius (thicker is a blob, not a
 *   line): 0.3, 0.5, 0.8 alike; 0.5 kept.
 * - minFill, the least share of the fitted annulus sector its pixels cover (a text band is
 *   solid): at tryBelow 0.7, 0.6 → 0.8391/0.9954, 0.4 and 0.3 → 0.8381/0.9944; 0.6 kept.
 * The general tuning half (26 pages of every kind) reads the same with arcs off and on:
 * 0.9955/0.9956, 390/390 lines.
 */
export interface ArcLimits {
  /** a component whose rectangle scores below this is tried as an arc (the box score's scale) */
  tryBelow: number;
  /** radians */
  minSweep: number;
  maxThickness: number;
  minFill: number;
}
export const ARC_LIMITS: ArcLimits = { tryBelow: 0.7, minSweep: (40 * Math.PI) / 180, maxThickness: 0.5, minFill: 0.6 };

/**
 * Fits a circle to a component's pixels (centres `xs`,`ys`; algebraic
 * least squares) and returns the arc it occupies, or null when the pixels do
 * not lie on a band of a circle.
 */
export function fitArc(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, limits: ArcLimits = ARC_LIMITS): Arc | null {
  if (n < 20) return null;
  // Kåsa fit: minimise Σ (x² + y² + D·x + E·y + F)², centred for conditioning.
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0, syy = 0, sxy = 0, sxz = 0, syz = 0, sz = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] - mx, y = ys[i] - my, z = x * x + y * y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
    sxz += x * z;
    syz += y * z;
    sz += z;
  }
  // Normal equations for D, E (F = -sz/n once centred): [sxx sxy; sxy syy]·[D E] = -[sxz syz]
  const det = sxx * syy - sxy * sxy;
  if (Math.abs(det) < 1e-9) return null;
  const D = (-sxz * syy + syz * sxy) / det;
  const E = (-syz * sxx + sxz * sxy) / det;
  const F = -sz / n;
  let cx = mx - D / 2, cy = my - E / 2;
  let R = Math.sqrt(D * D / 4 + E * E / 4 - F);
  if (!Number.isFinite(R) || R <= 0) return null;
  // Kåsa's centre is pulled towards a thick band's inside; a few Gauss–Newton
  // steps on the geometric distance (Σ (|p − c| − R)²) take it to the band's own circle.
  for (let it = 0; it < 8; it++) {
    const J = [0, 0, 0, 0, 0, 0]; // JᵀJ upper triangle: xx xy xr yy yr rr
    let gx = 0, gy = 0, gr = 0;
    for (let i = 0; i < n; i++) {
      const dx = xs[i] - cx, dy = ys[i] - cy;
      const d = Math.hypot(dx, dy) || 1e-9;
      const ux = -dx / d, uy = -dy / d, res = d - R;
      J[0] += ux * ux; J[1] += ux * uy; J[2] -= ux; J[3] += uy * uy; J[4] -= uy; J[5] += 1;
      gx += ux * res; gy += uy * res; gr -= res;
    }
    const step = solve3([J[0], J[1], J[2], J[1], J[3], J[4], J[2], J[4], J[5]], [-gx, -gy, -gr]);
    if (!step) break;
    cx += step[0];
    cy += step[1];
    R += step[2];
    if (Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-3) break;
  }
  if (!Number.isFinite(R) || R <= 0) return null;

  const radii = new Float64Array(n);
  const angles = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    radii[i] = Math.hypot(xs[i] - cx, ys[i] - cy);
    angles[i] = Math.atan2(ys[i] - cy, xs[i] - cx);
  }
  const sortedR = Float64Array.from(radii).sort();
  const rIn = sortedR[Math.floor(n * 0.02)];
  const rOut = sortedR[Math.min(n - 1, Math.floor(n * 0.98))];
  const rMid = (rIn + rOut) / 2;
  if (rOut - rIn <= 0 || rOut - rIn > limits.maxThickness * rMid) return null;

  // The arc is the circle less its widest angular gap with no pixel.
  const sortedA = Float64Array.from(angles).sort();
  let gap = sortedA[0] + 2 * Math.PI - sortedA[n - 1];
  let gapEnd = sortedA[0];
  for (let i = 1; i < n; i++) {
    const g = sortedA[i] - sortedA[i - 1];
    if (g > gap) {
      gap = g;
      gapEnd = sortedA[i];
    }
  }
  const span = 2 * Math.PI - gap;
  if (span < limits.minSweep) return null;
  const fill = n / (span * rMid * (rOut - rIn));
  if (fill < limits.minFill) return null;

  // Read left to right: on an arc above its centre the letters stand on the
  // circle (tops outward, angle increasing clockwise on screen); below it they
  // hang inside (tops inward, angle decreasing). The direction classifier turns
  // a strip read the other way round.
  const mid = gapEnd + span / 2;
  const above = Math.sin(mid) < 0;
  return above
    ? { cx, cy, rIn, rOut, start: gapEnd, sweep: span }
    : { cx, cy, rIn, rOut, start: gapEnd + span, sweep: -span };
}

/** Solves the 3×3 system A·x = b (row-major A) by Cramer's rule; null when singular. */
function solve3(A: number[], b: number[]): [number, number, number] | null {
  const det = (m: number[]) => m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const d = det(A);
  if (Math.abs(d) < 1e-12) return null;
  const col = (k: number) => A.map((v, i) => (i % 3 === k ? b[Math.floor(i / 3)] : v));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

/**
 * Arcs on one circle (centres and middle radii within 0.15 of the radius)
 * whose ends are less than JOIN_GAP (about one character of a seal's rim; set so, not swept) apart become one.
 */
const JOIN_GAP = (25 * Math.PI) / 180;
export function joinArcs(arcs: Arc[]): Arc[] {
  const out: Arc[] = [];
  const rest = arcs.slice();
  while (rest.length) {
    let a = rest.shift()!;
    for (let again = true; again; ) {
      again = false;
      for (let i = 0; i < rest.length; i++) {
        const j = joinTwo(a, rest[i]);
        if (j) {
          a = j;
          rest.splice(i, 1);
          again = true;
          break;
        }
      }
    }
    out.push(a);
  }
  return out;
}

/** Normalises an angle into [0, 2π). */
const wrap = (t: number) => ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);

function joinTwo(a: Arc, b: Arc): Arc | null {
  if (Math.sign(a.sweep) !== Math.sign(b.sweep)) return null;
  const ra = (a.rIn + a.rOut) / 2, rb = (b.rIn + b.rOut) / 2;
  const tol = 0.15 * Math.max(ra, rb);
  if (Math.hypot(a.cx - b.cx, a.cy - b.cy) > tol || Math.abs(ra - rb) > tol) return null;
  // both as clockwise intervals [lo, lo + len]
  const iv = (x: Arc) => (x.sweep > 0 ? { lo: wrap(x.start), len: x.sweep } : { lo: wrap(x.start + x.sweep), len: -x.sweep });
  const A = iv(a), B = iv(b);
  // B starts this far after A starts (clockwise); the join covers A then B, or B then A
  const d = wrap(B.lo - A.lo);
  let lo: number, len: number;
  if (d <= A.len + JOIN_GAP) {
    lo = A.lo;
    len = Math.max(A.len, d + B.len);
  } else {
    const e = wrap(A.lo - B.lo);
    if (e > B.len + JOIN_GAP) return null;
    lo = B.lo;
    len = Math.max(B.len, e + A.len);
  }
  if (len >= 2 * Math.PI) return null;
  const n = a.sweep > 0 ? { start: lo, sweep: len } : { start: lo + len, sweep: -len };
  return { cx: (a.cx + b.cx) / 2, cy: (a.cy + b.cy) / 2, rIn: Math.min(a.rIn, b.rIn), rOut: Math.max(a.rOut, b.rOut), ...n };
}

/** The arc with `d` more band on every side (DB's unclip), the ends extended along the circle. */
export function growArc(a: Arc, d: number): Arc {
  const rMid = (a.rIn + a.rOut) / 2;
  const dAngle = Math.sign(a.sweep) * (d / rMid);
  return { ...a, rIn: Math.max(0, a.rIn - d), rOut: a.rOut + d, start: a.start - dAngle, sweep: a.sweep + 2 * dAngle };
}

/** Maps an arc's circle by per-axis scales and an offset (detector map → image). */
export function scaleArc(a: Arc, sx: number, sy: number, dx = 0, dy = 0): Arc {
  const s = (sx + sy) / 2;
  return { ...a, cx: (a.cx + dx) * sx, cy: (a.cy + dy) * sy, rIn: a.rIn * s, rOut: a.rOut * s };
}

/** Length of the arc along its middle radius and its thickness. */
export function arcSize(a: Arc): { w: number; h: number } {
  return { w: Math.abs(a.sweep) * (a.rIn + a.rOut) / 2, h: a.rOut - a.rIn };
}

/** Point of the band at reading position u ∈ [0, 1] and depth v ∈ [0, 1] (0: top of the letters). */
function arcPoint(a: Arc, u: number, v: number): Point {
  const theta = a.start + a.sweep * u;
  // tops outward when reading clockwise (sweep > 0), inward otherwise
  const r = a.sweep > 0 ? a.rOut - (a.rOut - a.rIn) * v : a.rIn + (a.rOut - a.rIn) * v;
  return [a.cx + r * Math.cos(theta), a.cy + r * Math.sin(theta)];
}

/** The arc's four reading corners LT, RT, RB, LB: start/end of the band, top/bottom of the letters. */
export function arcCorners(a: Arc): [Point, Point, Point, Point] {
  return [arcPoint(a, 0, 0), arcPoint(a, 1, 0), arcPoint(a, 1, 1), arcPoint(a, 0, 1)];
}

/** Points along the band's two edges (for its enclosing rectangle). */
export function arcOutline(a: Arc, steps = 16): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i <= steps; i++) pts.push(arcPoint(a, i / steps, 0), arcPoint(a, i / steps, 1));
  return pts;
}

/** Unrolls the band into a `width`×`height` image, bilinear, supersampled when shrinking. */
export function unrollArc(img: RgbImage, a: Arc, width: number, height: number): RgbImage {
  const outW = Math.max(1, Math.round(width));
  const outH = Math.max(1, Math.round(height));
  const { w, h } = arcSize(a);
  const ss = Math.max(1, Math.min(4, Math.ceil(Math.max(w / outW, h / outH) - 0.25)));
  const n = ss * ss;
  const { width: iw, height: ih, data: src } = img;
  const data = new Uint8Array(outW * outH * 3);
  const px = [0, 0, 0];
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      px[0] = px[1] = px[2] = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          let [x, y] = arcPoint(a, (ox + (sx + 0.5) / ss) / outW, (oy + (sy + 0.5) / ss) / outH);
          x = Math.min(iw - 1, Math.max(0, x - 0.5));
          y = Math.min(ih - 1, Math.max(0, y - 0.5));
          const x0 = Math.floor(x), y0 = Math.floor(y);
          const x1 = Math.min(x0 + 1, iw - 1), y1 = Math.min(y0 + 1, ih - 1);
          const fx = x - x0, fy = y - y0;
          for (let c = 0; c < 3; c++) {
            const top = src[(y0 * iw + x0) * 3 + c] + (src[(y0 * iw + x1) * 3 + c] - src[(y0 * iw + x0) * 3 + c]) * fx;
            const bot = src[(y1 * iw + x0) * 3 + c] + (src[(y1 * iw + x1) * 3 + c] - src[(y1 * iw + x0) * 3 + c]) * fx;
            px[c] += top + (bot - top) * fy;
          }
        }
      }
      const o = (oy * outW + ox) * 3;
      data[o] = px[0] / n;
      data[o + 1] = px[1] / n;
      data[o + 2] = px[2] / n;
    }
  }
  return { width: outW, height: outH, data };
}

/** Mean of `pred` (w×h) over the arc's band, sampled on a grid of about one point per map pixel. */
export function arcMean(pred: Float32Array, w: number, h: number, a: Arc): number {
  const { w: len, h: thick } = arcSize(a);
  const nu = Math.max(2, Math.ceil(len));
  const nv = Math.max(2, Math.ceil(thick));
  let sum = 0, count = 0;
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      const [x, y] = arcPoint(a, (i + 0.5) / nu, (j + 0.5) / nv);
      const xi = Math.floor(x), yi = Math.floor(y);
      if (xi < 0 || yi < 0 || xi >= w || yi >= h) continue;
      sum += pred[yi * w + xi];
      count++;
    }
  }
  return count ? sum / count : 0;
}
