/**
 * Perspective crop of a (possibly rotated) quad into an upright strip of a
 * fixed height, as PaddleOCR's get_rotate_crop_image followed by the
 * recogniser's resize, done in one bilinear pass with supersampling when
 * shrinking.
 */
import { applyHomography, homography, quadSize, type Quad } from "./geometry";
import type { RgbImage } from "./image";

export const REC_HEIGHT = 48;
/** Widest strip we recognise at once (ratio 40:1). */
export const MAX_STRIP_WIDTH = REC_HEIGHT * 40;

export interface Strip extends RgbImage {
  /** The quad as sampled, LT RT RB LB of the strip (after any vertical→horizontal turn). */
  quad: Quad;
  /** True when the box was taller than wide and was turned counter-clockwise. */
  turned: boolean;
}

/**
 * Samples `quad` of `img` into a strip `height` px high. A box at least 1.5×
 * taller than wide is turned 90° counter-clockwise first (PaddleOCR's rule), unless `keepVertical`.
 */
export function cropQuad(img: RgbImage, quad: Quad, height = REC_HEIGHT, keepVertical = false): Strip {
  let q = quad;
  let { w, h } = quadSize(q);
  let turned = false;
  if (!keepVertical && h >= 1.5 * w) {
    q = [quad[1], quad[2], quad[3], quad[0]];
    [w, h] = [h, w];
    turned = true;
  }
  w = Math.max(w, 1);
  h = Math.max(h, 1);
  const outW = Math.max(1, Math.min(MAX_STRIP_WIDTH, Math.round((w * height) / h)));
  const out = warpQuad(img, q, outW, height);
  return { ...out, quad: q, turned };
}

/**
 * Samples `quad` (LT RT RB LB) of `img` into a `width`×`height` image: a
 * perspective warp, bilinear, supersampled when shrinking.
 */
export function warpQuad(img: RgbImage, quad: Quad, width: number, height: number): RgbImage {
  const outW = Math.max(1, Math.round(width));
  const outH = Math.max(1, Math.round(height));
  const H = homography(
    [
      [0, 0],
      [outW, 0],
      [outW, outH],
      [0, outH],
    ],
    quad,
  );
  const { w, h } = quadSize(quad);
  const scale = Math.max(h / outH, w / outW);
  const ss = Math.max(1, Math.min(4, Math.ceil(scale - 0.25)));
  const data = new Uint8Array(outW * outH * 3);
  const acc = [0, 0, 0];
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [px, py] = applyHomography(H, ox + (sx + 0.5) / ss, oy + (sy + 0.5) / ss);
          bilinear(img, px - 0.5, py - 0.5, acc);
        }
      }
      const o = (oy * outW + ox) * 3;
      const n = ss * ss;
      data[o] = acc[0] / n;
      data[o + 1] = acc[1] / n;
      data[o + 2] = acc[2] / n;
    }
  }
  return { width: outW, height: outH, data };
}

function bilinear(img: RgbImage, x: number, y: number, acc: number[]): void {
  const { width: w, height: h, data } = img;
  x = x < 0 ? 0 : x > w - 1 ? w - 1 : x;
  y = y < 0 ? 0 : y > h - 1 ? h - 1 : y;
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  const fx = x - x0, fy = y - y0;
  const i00 = (y0 * w + x0) * 3, i01 = (y0 * w + x1) * 3, i10 = (y1 * w + x0) * 3, i11 = (y1 * w + x1) * 3;
  for (let c = 0; c < 3; c++) {
    const top = data[i00 + c] + (data[i01 + c] - data[i00 + c]) * fx;
    const bot = data[i10 + c] + (data[i11 + c] - data[i10 + c]) * fx;
    acc[c] += top + (bot - top) * fy;
  }
}

/** A strip turned by 180° (its quad re-labelled accordingly). */
export function flipStrip(s: Strip): Strip {
  const n = s.width * s.height;
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    data[j * 3] = s.data[i * 3];
    data[j * 3 + 1] = s.data[i * 3 + 1];
    data[j * 3 + 2] = s.data[i * 3 + 2];
  }
  return { ...s, data, quad: [s.quad[2], s.quad[3], s.quad[0], s.quad[1]] };
}
