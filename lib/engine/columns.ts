/**
 * Vertical text: a tall box may be a column of upright characters (Chinese
 * vertical writing) rather than a line turned sideways. The column is cut
 * into characters at blank rows and the characters are laid side by side into
 * a horizontal strip for the recogniser.
 */
import type { Models } from "./models";
import { cropQuad, REC_HEIGHT, MAX_STRIP_WIDTH } from "./crop";
import { recognizeStrips } from "./recognize";
import type { RgbImage } from "./image";
import type { Quad } from "./geometry";
import type { DecodedChar } from "./ctc";

export interface ColumnReading {
  text: string;
  confidence: number;
  quad: Quad;
  chars: DecodedChar[];
}

const CELL = REC_HEIGHT;
const GAP = 6;

export async function readColumns(models: Models, img: RgbImage, quads: Quad[]): Promise<(ColumnReading | null)[]> {
  const strips: (RgbImage | null)[] = quads.map((q) => columnToStrip(img, q));
  const present = strips.map((s, i) => (s ? i : -1)).filter((i) => i >= 0);
  const recs = await recognizeStrips(models, present.map((i) => strips[i] as RgbImage));
  const out: (ColumnReading | null)[] = quads.map(() => null);
  present.forEach((i, k) => {
    out[i] = { text: recs[k].text, confidence: recs[k].confidence, quad: quads[i], chars: recs[k].chars };
  });
  return out;
}

/** Crops the column upright at CELL px wide, segments it into characters and lays them out horizontally. */
export function columnToStrip(img: RgbImage, quad: Quad): RgbImage | null {
  const w = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
  const h = Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]);
  if (w < 4 || h < w) return null;
  const colH = Math.min(MAX_STRIP_WIDTH, Math.round((CELL * h) / w));
  const col = cropQuad(img, quad, colH, true);
  // cropQuad fixes the height; width comes out ≈ CELL.
  const W = col.width, H = col.height;
  const gray = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) gray[i] = (col.data[i * 3] + col.data[i * 3 + 1] + col.data[i * 3 + 2]) / 3;
  const bg = borderMedian(gray, W, H);
  const ink = new Int32Array(H);
  for (let y = 0; y < H; y++) {
    let n = 0;
    for (let x = 0; x < W; x++) if (Math.abs(gray[y * W + x] - bg) > 48) n++;
    ink[y] = n;
  }
  let segs: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= H; y++) {
    const on = y < H && ink[y] > 1;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      segs.push([start, y]);
      start = -1;
    }
  }
  if (segs.length === 0) return null;
  // Characters made of separate strokes (二, 三, 只) leave blank rows inside: merge small pieces.
  const pitch = W * 0.8;
  const merged: [number, number][] = [];
  for (const s of segs) {
    const last = merged[merged.length - 1];
    if (last && (s[1] - last[0] <= pitch * 1.15) && (last[1] - last[0] < pitch * 0.75 || s[1] - s[0] < pitch * 0.75)) last[1] = s[1];
    else merged.push([s[0], s[1]]);
  }
  // Touching characters: split over-tall segments evenly.
  segs = [];
  for (const [a, b] of merged) {
    const n = Math.max(1, Math.round((b - a) / (W * 0.95)));
    for (let k = 0; k < n; k++) segs.push([Math.round(a + ((b - a) * k) / n), Math.round(a + ((b - a) * (k + 1)) / n)]);
  }
  const outW = Math.min(MAX_STRIP_WIDTH, segs.length * (CELL + GAP) + GAP);
  const out = new Uint8Array(outW * CELL * 3).fill(Math.round(bg));
  let ox = GAP;
  for (const [a, b] of segs) {
    if (ox + CELL > outW) break;
    const sh = b - a;
    const scale = Math.min(1, (CELL - 4) / Math.max(sh, 1), (CELL - 2) / W);
    const dh = Math.max(1, Math.round(sh * scale));
    const dw = Math.max(1, Math.round(W * scale));
    const oy = Math.floor((CELL - dh) / 2);
    const oxc = ox + Math.floor((CELL - dw) / 2);
    for (let y = 0; y < dh; y++) {
      const sy = Math.min(H - 1, a + Math.floor((y + 0.5) / scale));
      for (let x = 0; x < dw; x++) {
        const sx = Math.min(W - 1, Math.floor((x + 0.5) / scale));
        const s = (sy * W + sx) * 3;
        const d = ((oy + y) * outW + oxc + x) * 3;
        out[d] = col.data[s];
        out[d + 1] = col.data[s + 1];
        out[d + 2] = col.data[s + 2];
      }
    }
    ox += CELL + GAP;
  }
  return { width: outW, height: CELL, data: out };
}

function borderMedian(gray: Float32Array, W: number, H: number): number {
  const v: number[] = [];
  for (let x = 0; x < W; x++) v.push(gray[x], gray[(H - 1) * W + x]);
  for (let y = 0; y < H; y++) v.push(gray[y * W], gray[y * W + W - 1]);
  v.sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}
