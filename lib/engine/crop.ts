/**
 * Perspective crop of a (possibly rotated) quad into an upright strip of a
 * fixed height, as PaddleOCR's get_rotate_crop_image followed by the
 * recogniser's resize, done in one bilinear pass with supersampling when
 * shrinking.
 */
import { homography, quadSize, type Quad } from "./geometry";
import type { RgbImage } from "./image";
import { arcSize, unrollArc, type Arc } from "./arc";

export const REC_HEIGHT = 48;
/**
 * Widest strip we recognise at once (ratio 250:1, a 5000-px line 20 px high).
 * The recogniser takes any width; the former cap of 40:1 (1920 px) squeezed
 * lines of more than ~50 characters (rendered tuning half, dense pages of
 * 60–85 characters: squeezed to 0.8 of their width and more).
 */
export const MAX_STRIP_WIDTH = REC_HEIGHT * 250;

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
  // Hot loop (every pixel of every strip): homography and bilinear sampling inlined,
  // no allocation; the products of y are taken once per sample row (the same values).
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = H;
  const { width: iw, height: ih, data: src } = img;
  const n = ss * ss;
  const offs = new Float64Array(ss);
  for (let k = 0; k < ss; k++) offs[k] = (k + 0.5) / ss;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (let sy = 0; sy < ss; sy++) {
        const y = oy + offs[sy];
        const y1 = h1 * y, y4 = h4 * y, y7 = h7 * y;
        for (let sx = 0; sx < ss; sx++) {
          const x = ox + offs[sx];
          const d = h6 * x + y7 + h8;
          let px = (h0 * x + y1 + h2) / d - 0.5;
          let py = (h3 * x + y4 + h5) / d - 0.5;
          px = px < 0 ? 0 : px > iw - 1 ? iw - 1 : px;
          py = py < 0 ? 0 : py > ih - 1 ? ih - 1 : py;
          // px, py ≥ 0: truncation is the floor
          const x0 = px | 0, y0 = py | 0;
          const x1 = x0 + 1 < iw ? x0 + 1 : iw - 1, yy1 = y0 + 1 < ih ? y0 + 1 : ih - 1;
          const fx = px - x0, fy = py - y0;
          const i00 = (y0 * iw + x0) * 3, i01 = (y0 * iw + x1) * 3, i10 = (yy1 * iw + x0) * 3, i11 = (yy1 * iw + x1) * 3;
          let top = src[i00] + (src[i01] - src[i00]) * fx;
          let bot = src[i10] + (src[i11] - src[i10]) * fx;
          r += top + (bot - top) * fy;
          top = src[i00 + 1] + (src[i01 + 1] - src[i00 + 1]) * fx;
          bot = src[i10 + 1] + (src[i11 + 1] - src[i10 + 1]) * fx;
          g += top + (bot - top) * fy;
          top = src[i00 + 2] + (src[i01 + 2] - src[i00 + 2]) * fx;
          bot = src[i10 + 2] + (src[i11 + 2] - src[i10 + 2]) * fx;
          b += top + (bot - top) * fy;
        }
      }
      const o = (oy * outW + ox) * 3;
      data[o] = r / n;
      data[o + 1] = g / n;
      data[o + 2] = b / n;
    }
  }
  return { width: outW, height: outH, data };
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

/** Unrolls a line along a circle (lib/engine/arc.ts) into a strip `height` px high. */
export function cropArc(img: RgbImage, arc: Arc, quad: Quad, height = REC_HEIGHT): Strip {
  const { w, h } = arcSize(arc);
  const outW = Math.max(1, Math.min(MAX_STRIP_WIDTH, Math.round((w * height) / Math.max(h, 1))));
  return { ...unrollArc(img, arc, outW, height), quad, turned: false };
}
