/**
 * Original or copy. A colour original has a tinted background (the card's pale blue/pink
 * guilloche, the red emblem, skin tones); a photocopy or a greyscale scan has nearly no
 * chroma at all. We measure the share of pixels whose chroma (max−min of R,G,B) exceeds 24
 * inside the card region: below 1.5 % → "copy".
 *
 * A photo of a screen ("screen") is NOT detected yet: `gridScore` (row-wise period-2
 * alternation, a screen's pixel grid) is measured and returned for study, but on rendered
 * screen simulations it did not separate from originals, so classifyRisk never answers "screen".
 */
import type { RgbImage as RawImage } from "../engine/image";

export interface RiskMeasure {
  chromaShare: number;
  gridScore: number;
}

export function measureRisk(img: RawImage, box?: { x0: number; y0: number; x1: number; y1: number }): RiskMeasure {
  const b = box ?? { x0: 0, y0: 0, x1: img.width, y1: img.height };
  const x0 = Math.max(0, Math.round(b.x0)), x1 = Math.min(img.width, Math.round(b.x1));
  const y0 = Math.max(0, Math.round(b.y0)), y1 = Math.min(img.height, Math.round(b.y1));
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 40000)));
  let n = 0, chroma = 0;
  for (let y = y0; y < y1; y += step)
    for (let x = x0; x < x1; x += step) {
      const i = (y * img.width + x) * 3;
      const r = img.data[i], g = img.data[i + 1], bl = img.data[i + 2];
      if (Math.max(r, g, bl) - Math.min(r, g, bl) > 24) chroma++;
      n++;
    }
  // period-2/period-3 alternation of luminance along rows (screen pixel grid)
  let alt = 0, smooth = 0;
  for (let y = y0; y < y1; y += Math.max(1, step * 4))
    for (let x = x0 + 2; x < x1 - 2; x++) {
      const l = (k: number) => { const i = (y * img.width + k) * 3; return img.data[i] + img.data[i + 1] + img.data[i + 2]; };
      const d2 = Math.abs(2 * l(x) - l(x - 1) - l(x + 1));
      const d1 = Math.abs(l(x + 2) - l(x - 2));
      alt += d2;
      smooth += d1 + 1;
    }
  return { chromaShare: n ? chroma / n : 0, gridScore: alt / Math.max(smooth, 1) };
}

export function classifyRisk(m: RiskMeasure): "normal" | "copy" | "screen" {
  if (m.chromaShare < 0.015) return "copy";
  return "normal";
}
