/**
 * The portrait on the portrait side, located from the printed layout rather than fixed pixels:
 * the label column's left edge and the number line give the card's scale and position
 * (GB/T 16289 layout: labels start ≈6.5 % of the width in, the number ends ≈92 %, the
 * number line's centre sits ≈87 % down), and the portrait occupies x 60–94 %, y 9–74 %.
 */
import sharp from "sharp";
import { warpQuad } from "../engine/crop";
import type { Quad } from "../engine/geometry";
import type { RgbImage as RawImage } from "../engine/image";
import type { CardLine } from "./fields";

export interface CardFrame { x0: number; y0: number; w: number; h: number }

/** Card rectangle in the de-skewed frame, from the name label and the number line. */
export function cardFrame(lines: CardLine[]): CardFrame | null {
  const idn = lines.filter((l) => /[0-9X]{15,}/.test(l.text.replace(/\s/g, ""))).sort((a, b) => b.y0 - a.y0)[0];
  if (!idn) return null;
  const labelLeft = Math.min(...lines.filter((l) => /[姓娃][名各]|[性]别|出生|[住佳]址|公民身份/.test(l.text) && l.y1 <= idn.y1 + 2).map((l) => l.x0));
  if (!Number.isFinite(labelLeft) || idn.x1 - labelLeft < 50) return null;
  const w = (idn.x1 - labelLeft) / 0.855;
  const h = w / 1.585;
  const x0 = labelLeft - 0.065 * w;
  const y0 = (idn.y0 + idn.y1) / 2 - 0.87 * h;
  return { x0, y0, w, h };
}

export async function cropFace(img: RawImage, frame: CardFrame, skew: number): Promise<string> {
  const fx0 = frame.x0 + 0.6 * frame.w, fx1 = frame.x0 + 0.94 * frame.w;
  const fy0 = frame.y0 + 0.09 * frame.h, fy1 = frame.y0 + 0.74 * frame.h;
  // back to image coordinates (undo the de-skew rotation)
  const reskew = (x: number, y: number): [number, number] => [x * Math.cos(skew) - y * Math.sin(skew), x * Math.sin(skew) + y * Math.cos(skew)];
  const quad: Quad = [reskew(fx0, fy0), reskew(fx1, fy0), reskew(fx1, fy1), reskew(fx0, fy1)];
  const w = Math.max(16, Math.round(fx1 - fx0)), h = Math.max(16, Math.round(fy1 - fy0));
  const crop = warpQuad(img, quad, w, h);
  const jpeg = await sharp(Buffer.from(crop.data), { raw: { width: crop.width, height: crop.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  return jpeg.toString("base64");
}

/** The card's region in image coordinates, for colour measurements. */
export function frameBounds(frame: CardFrame, skew: number): { x0: number; y0: number; x1: number; y1: number } {
  const pts = [[frame.x0, frame.y0], [frame.x0 + frame.w, frame.y0], [frame.x0 + frame.w, frame.y0 + frame.h], [frame.x0, frame.y0 + frame.h]].map(([x, y]) => [x * Math.cos(skew) - y * Math.sin(skew), x * Math.sin(skew) + y * Math.cos(skew)]);
  return { x0: Math.min(...pts.map((p) => p[0])), y0: Math.min(...pts.map((p) => p[1])), x1: Math.max(...pts.map((p) => p[0])), y1: Math.max(...pts.map((p) => p[1])) };
}
