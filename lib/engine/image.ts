/** A decoded image: 8-bit RGB, interleaved, row-major, no padding. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Clockwise quarter turns: 0, 1 (90°), 2 (180°), 3 (270°). */
export type QuarterTurns = 0 | 1 | 2 | 3;

/** Rotates an image clockwise by `turns` quarter turns. */
export function rotateImage(img: RgbImage, turns: QuarterTurns): RgbImage {
  if (turns === 0) return img;
  const { width: w, height: h, data } = img;
  const W = turns === 2 ? w : h;
  const H = turns === 2 ? h : w;
  const out = new Uint8Array(W * H * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let nx: number;
      let ny: number;
      if (turns === 1) {
        nx = h - 1 - y;
        ny = x;
      } else if (turns === 2) {
        nx = w - 1 - x;
        ny = h - 1 - y;
      } else {
        nx = y;
        ny = w - 1 - x;
      }
      const s = (y * w + x) * 3;
      const d = (ny * W + nx) * 3;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Maps a point of the image rotated clockwise by `turns` back to the
 * original image (w×h are the ORIGINAL image's dimensions). Uses continuous
 * pixel-edge coordinates, so corners map to corners exactly.
 */
export function unrotatePoint(x: number, y: number, turns: QuarterTurns, w: number, h: number): [number, number] {
  switch (turns) {
    case 0:
      return [x, y];
    case 1:
      return [y, h - x];
    case 2:
      return [w - x, h - y];
    case 3:
      return [w - y, x];
  }
}
