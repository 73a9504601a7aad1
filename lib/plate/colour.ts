/**
 * Plate type from the colours of the plate region: the background is the dominant
 * colour class among its pixels (characters are the minority).
 */
import type { RawImage } from "./ocr/image";

export type PlateType = "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
export type ColourClass = "blue" | "yellow" | "green" | "white" | "black" | "other";

export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = 60 * (((g - b) / d) % 6);
    else if (max === g) h = 60 * ((b - r) / d + 2);
    else h = 60 * ((r - g) / d + 4);
  }
  if (h < 0) h += 360;
  return [h, max === 0 ? 0 : d / max, max / 255];
}

export function colourClass(r: number, g: number, b: number): ColourClass {
  const [h, s, v] = rgbToHsv(r, g, b);
  if (v < 0.28) return "black";
  if (s > 0.3 && h >= 190 && h <= 255 && v > 0.25) return "blue";
  if (s > 0.35 && h >= 25 && h <= 65 && v > 0.4) return "yellow";
  if (s > 0.2 && h > 65 && h < 170 && v > 0.3) return "green";
  if (s < 0.22 && v > 0.55) return "white";
  return "other";
}

export type ColourShares = Record<ColourClass, number>;

/** Share of each colour class inside the box (x0,y0)-(x1,y1) of img, sampling the inner 80%. */
export function colourShares(img: RawImage, box: { x0: number; y0: number; x1: number; y1: number }): ColourShares {
  const c: ColourShares = { blue: 0, yellow: 0, green: 0, white: 0, black: 0, other: 0 };
  const w = box.x1 - box.x0, h = box.y1 - box.y0;
  const x0 = Math.max(0, Math.round(box.x0 + w * 0.08)), x1 = Math.min(img.width, Math.round(box.x1 - w * 0.08));
  const y0 = Math.max(0, Math.round(box.y0 + h * 0.1)), y1 = Math.min(img.height, Math.round(box.y1 - h * 0.1));
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 4000)));
  let n = 0;
  for (let y = y0; y < y1; y += step)
    for (let x = x0; x < x1; x += step) {
      const i = (y * img.width + x) * 3;
      c[colourClass(img.data[i], img.data[i + 1], img.data[i + 2])]++;
      n++;
    }
  if (n) for (const k of Object.keys(c) as ColourClass[]) c[k] /= n;
  return c;
}

/** Background colour → plate type; the text (8 chars, 警, 港…) settles what colour alone cannot. */
export function plateType(shares: ColourShares, text = ""): PlateType {
  const last = text.slice(-1);
  if (last === "警") return "白牌";
  if (last === "港" || last === "澳" || last === "领" || last === "使") return "黑牌";
  if (last === "学" || last === "挂") return "黄牌";
  const { blue, yellow, green, white, black } = shares;
  if (text.length === 8 && green + white > blue + yellow) return "绿牌";
  if (blue >= 0.25 && blue >= yellow && blue >= green) return "蓝牌";
  if (yellow >= 0.25 && yellow >= green) return "黄牌";
  if (green >= 0.2) return "绿牌";
  if (text.length === 8) return "绿牌";
  if (blue >= 0.12 && blue > yellow) return "蓝牌";
  if (yellow >= 0.12) return "黄牌";
  return white >= black ? "白牌" : "黑牌";
}
