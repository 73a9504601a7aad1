/**
 * Raw RGB images and the geometry both the ID-card and plate readers need:
 * decoding (EXIF-aware), perspective crops of quads, rotation by quarter turns.
 * Written here because lib/engine did not yet export these primitives.
 */
import sharp from "sharp";
import bmp from "bmp-js";

export interface RawImage {
  data: Uint8Array; // RGB, row-major
  width: number;
  height: number;
}
export type Point = [number, number];
/** LT, RT, RB, LB */
export type Quad = [Point, Point, Point, Point];

export async function decodeImage(buf: Buffer): Promise<RawImage> {
  if (buf.length > 2 && buf[0] === 0x42 && buf[1] === 0x4d) {
    const b = bmp.decode(buf); // ABGR bytes
    const out = new Uint8Array(b.width * b.height * 3);
    for (let i = 0, j = 0; i < b.width * b.height; i++, j += 3) {
      out[j] = b.data[i * 4 + 3];
      out[j + 1] = b.data[i * 4 + 2];
      out[j + 2] = b.data[i * 4 + 1];
    }
    return { data: out, width: b.width, height: b.height };
  }
  const { data, info } = await sharp(buf)
    .rotate() // apply EXIF orientation
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`unexpected channels ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export async function encodeJpeg(img: RawImage, quality = 85): Promise<Buffer> {
  return sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

export async function encodePng(img: RawImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
}

export function resizeRaw(img: RawImage, w: number, h: number): RawImage {
  w = Math.max(1, Math.round(w));
  h = Math.max(1, Math.round(h));
  return warpQuad(img, [[0, 0], [img.width, 0], [img.width, img.height], [0, img.height]], w, h);
}

/** Solve the homography mapping the unit rectangle (0..w, 0..h) onto quad. */
function homography(quad: Quad, w: number, h: number): number[] {
  const src: Point[] = [[0, 0], [w, 0], [w, h], [0, h]];
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i];
    const [u, v] = quad[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  // Gaussian elimination
  const n = 8;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    const d = A[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c] / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  return [...b.map((v, i) => v / A[i][i]), 1];
}

/** Perspective crop: the region inside quad (LT, RT, RB, LB) as a w×h image (bilinear). */
export function warpQuad(img: RawImage, quad: Quad, w: number, h: number): RawImage {
  w = Math.max(1, Math.round(w));
  h = Math.max(1, Math.round(h));
  const H = homography(quad, w, h);
  const out = new Uint8Array(w * h * 3);
  const { data, width: W, height: Hh } = img;
  // area-average when shrinking a lot: sample a small grid per output pixel
  const sx = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]) / w;
  const sy = Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]) / h;
  const ss = Math.min(4, Math.max(1, Math.round(Math.max(sx, sy))));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, bl = 0;
      for (let j = 0; j < ss; j++) {
        for (let i = 0; i < ss; i++) {
          const X = x + (i + 0.5) / ss, Y = y + (j + 0.5) / ss;
          const z = H[6] * X + H[7] * Y + H[8];
          let u = (H[0] * X + H[1] * Y + H[2]) / z - 0.5;
          let v = (H[3] * X + H[4] * Y + H[5]) / z - 0.5;
          u = Math.min(Math.max(u, 0), W - 1);
          v = Math.min(Math.max(v, 0), Hh - 1);
          const x0 = Math.floor(u), y0 = Math.floor(v);
          const x1 = Math.min(x0 + 1, W - 1), y1 = Math.min(y0 + 1, Hh - 1);
          const fx = u - x0, fy = v - y0;
          const i00 = (y0 * W + x0) * 3, i10 = (y0 * W + x1) * 3, i01 = (y1 * W + x0) * 3, i11 = (y1 * W + x1) * 3;
          const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
          r += data[i00] * w00 + data[i10] * w10 + data[i01] * w01 + data[i11] * w11;
          g += data[i00 + 1] * w00 + data[i10 + 1] * w10 + data[i01 + 1] * w01 + data[i11 + 1] * w11;
          bl += data[i00 + 2] * w00 + data[i10 + 2] * w10 + data[i01 + 2] * w01 + data[i11 + 2] * w11;
        }
      }
      const o = (y * w + x) * 3, n = ss * ss;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = bl / n;
    }
  }
  return { data: out, width: w, height: h };
}

/** Rotates by k quarter turns clockwise. */
export function rotateQuarter(img: RawImage, k: number): RawImage {
  k = ((k % 4) + 4) % 4;
  if (k === 0) return img;
  const { width: W, height: H, data } = img;
  const w = k % 2 ? H : W, h = k % 2 ? W : H;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let nx: number, ny: number;
      if (k === 1) { nx = H - 1 - y; ny = x; }
      else if (k === 2) { nx = W - 1 - x; ny = H - 1 - y; }
      else { nx = y; ny = W - 1 - x; }
      const s = (y * W + x) * 3, d = (ny * w + nx) * 3;
      out[d] = data[s]; out[d + 1] = data[s + 1]; out[d + 2] = data[s + 2];
    }
  }
  return { data: out, width: w, height: h };
}

/** Maps a point of an image rotated k quarter turns clockwise back to the original (W×H). */
export function unrotatePoint(p: Point, k: number, W: number, H: number): Point {
  k = ((k % 4) + 4) % 4;
  const [x, y] = p;
  if (k === 0) return [x, y];
  if (k === 1) return [y, H - x];
  if (k === 2) return [W - x, H - y];
  return [W - y, x];
}

export function quadWidth(q: Quad): number {
  return (Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]) + Math.hypot(q[2][0] - q[3][0], q[2][1] - q[3][1])) / 2;
}
export function quadHeight(q: Quad): number {
  return (Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]) + Math.hypot(q[2][0] - q[1][0], q[2][1] - q[1][1])) / 2;
}
export function quadCenter(q: Quad): Point {
  return [(q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4, (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4];
}
export function quadBounds(q: Quad): { x0: number; y0: number; x1: number; y1: number } {
  const xs = q.map((p) => p[0]), ys = q.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
