/**
 * Plate type from the colours of the plate region: the background is the dominant
 * colour class among its pixels (characters are the minority).
 */
import type { RgbImage as RawImage } from "../engine/image";

export type PlateType = "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
export type ColourClass = "blue" | "yellow" | "green" | "white" | "black" | "other";

/** Hue in degrees [0, 360) of r, g, b whose largest channel is `max` and range `d` (max − min). */
function hue(r: number, g: number, b: number, max: number, d: number): number {
  let h = 0;
  if (d > 0) {
    if (max === r) h = 60 * (((g - b) / d) % 6);
    else if (max === g) h = 60 * ((b - r) / d + 2);
    else h = 60 * ((r - g) / d + 4);
  }
  return h < 0 ? h + 360 : h;
}

export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  return [hue(r, g, b, max, d), max === 0 ? 0 : d / max, max / 255];
}

export function colourClass(r: number, g: number, b: number): ColourClass {
  return COLOUR_CLASSES[colourCode(r, g, b)];
}

/** The classes in colourCode's order. */
export const COLOUR_CLASSES: readonly ColourClass[] = ["other", "blue", "yellow", "green", "white", "black"];

/**
 * colourClass as an index into COLOUR_CLASSES (0 other, 1 blue, 2 yellow, 3 green, 4 white,
 * 5 black): rgbToHsv's arithmetic with no array per pixel (it runs on every pixel
 * of a downscaled photo and of every candidate's crop).
 */
export function colourCode(r: number, g: number, b: number): number {
  const max = r > g ? (r > b ? r : b) : g > b ? g : b;
  const min = r < g ? (r < b ? r : b) : g < b ? g : b;
  const d = max - min;
  const h = hue(r, g, b, max, d);
  const s = max === 0 ? 0 : d / max, v = max / 255;
  if (v < 0.28 && !(s > 0.55 && h >= 195 && h <= 250 && v > 0.12)) return 5; // dark blue stays blue
  if (s > 0.3 && h >= 190 && h <= 255 && v > 0.25) return 1;
  if (s > 0.35 && h >= 25 && h <= 65 && v > 0.4) return 2;
  if (s > 0.2 && h > 65 && h < 170 && v > 0.3) return 3;
  if (s < 0.22 && v > 0.55) return 4;
  return 0;
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
/** The type the text alone settles: 警, WJ and 应急 are white plates; 港 澳 领 使 black; 学 挂 yellow. */
export function typeFromText(text: string): PlateType | null {
  const last = text.slice(-1);
  if (last === "警" || text.startsWith("WJ") || text.endsWith("应急")) return "白牌";
  if (last === "港" || last === "澳" || last === "领" || last === "使" || text.startsWith("使")) return "黑牌";
  if (last === "学" || last === "挂") return "黄牌";
  return null;
}

/**
 * Does the plate's colour agree with its characters, as GA 36 pairs them? A reading whose
 * colour and format never occur together is a sign, a page or a misread, not a plate:
 * - green (new-energy) plates always carry 8 characters, P L [A-K] X DDDD (small cars) or
 *   P L DDDDD [DF] (large vehicles): a green plate of 7 characters does not exist. Rendered
 *   tuning half (260 images, 2 false plates): one was such a reading, plate-0508 豫G7250F/绿牌
 *   (a two-row 豫M67250F whose upper row was read without its letter); and their characters
 *   are black on a light ground: light characters on a darker green are a sign (rendered
 *   tuning half: all 52 green plates read have the lighter background, `lightBackground`);
 * - white plates carry 警, WJ or 应急 and black ones 港 澳 领 使: a standard number on a white
 *   or dark neutral ground is printed text (a page, a sign), not a plate.
 * `newEnergy` is whether the reading follows one of the two new-energy formats.
 */
export function colourFitsText(type: PlateType, text: string, newEnergy: boolean, colours: Pick<PlateColours, "lightBackground">): boolean {
  if (type === "绿牌") return newEnergy && colours.lightBackground;
  if (type === "白牌" || type === "黑牌") return typeFromText(text) !== null;
  return true;
}

export function plateType(shares: ColourShares, text = ""): PlateType {
  const byText = typeFromText(text);
  if (byText) return byText;
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

export interface PlateColours {
  /** mean RGB of the background (the larger of the two luminance classes) */
  background: [number, number, number];
  /** background brighter than the characters */
  lightBackground: boolean;
  shares: ColourShares;
}

/**
 * Splits a straightened plate crop into background and characters by luminance (Otsu);
 * the background is the larger class. Works in dim or hazy light where fixed hue and
 * saturation bands fail, because it compares the background's tint with itself.
 */
export function plateColours(crop: RawImage): PlateColours {
  const { width: w, height: h, data } = crop;
  const x0 = Math.round(w * 0.06), x1 = Math.round(w * 0.94), y0 = Math.round(h * 0.12), y1 = Math.round(h * 0.88);
  const lum = new Uint8Array(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
  const hist = new Array(256).fill(0);
  let m = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * w + x) * 3;
      const l = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
      lum[m++] = l;
      hist[l]++;
    }
  const n = m || 1;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let wB = 0, sumB = 0, best = 0, t = 128;
  for (let i = 0; i < 256; i++) {
    wB += hist[i];
    if (!wB || wB === n) continue;
    sumB += i * hist[i];
    const mB = sumB / wB, mF = (sumAll - sumB) / (n - wB);
    const v = wB * (n - wB) * (mB - mF) ** 2;
    if (v > best) { best = v; t = i; }
  }
  let dark = 0;
  for (let j = 0; j < m; j++) if (lum[j] <= t) dark++;
  const lightBackground = dark < n / 2;
  const acc = [0, 0, 0];
  let k = 0;
  const shares: ColourShares = { blue: 0, yellow: 0, green: 0, white: 0, black: 0, other: 0 };
  let j = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++, j++) {
      const i = (y * w + x) * 3;
      shares[COLOUR_CLASSES[colourCode(data[i], data[i + 1], data[i + 2])]] += 1 / n;
      if ((lum[j] > t) !== lightBackground) continue;
      acc[0] += data[i]; acc[1] += data[i + 1]; acc[2] += data[i + 2]; k++;
    }
  const bg: [number, number, number] = [acc[0] / (k || 1), acc[1] / (k || 1), acc[2] / (k || 1)];
  return { background: bg, lightBackground, shares };
}

/** Plate type from the background tint and whether it is lighter than the characters. */
export function plateTypeFromColours(c: PlateColours, text = ""): PlateType {
  const byText = typeFromText(text);
  if (byText) return byText;
  const last = text.slice(-1);
  if (last === "警") return "白牌";
  if (last === "港" || last === "澳" || last === "领" || last === "使") return "黑牌";
  if (last === "学" || last === "挂") return "黄牌";
  const [r, g, b] = c.background;
  const m = Math.max(r, g, b, 1);
  const blueTint = (b - Math.max(r, g)) / m;
  const yellowTint = (Math.min(r, g) - b) / m;
  const greenTint = (g - Math.max(r, b)) / m;
  if (text.length === 8) return yellowTint > 0.25 && greenTint < 0.05 ? "黄牌" : "绿牌";
  if (c.lightBackground) {
    if (yellowTint > 0.18) return "黄牌";
    if (greenTint > 0.06) return "绿牌";
    return blueTint > 0.2 ? "蓝牌" : "白牌";
  }
  // characters lighter than the background: blue or black plates (or a shadowed yellow one)
  if (blueTint > 0.04) return "蓝牌";
  if (yellowTint > 0.25) return "黄牌";
  return "黑牌";
}

/**
 * Could this background belong to a plate? Plates are blue, yellow, green or neutral
 * (white, black). A strongly coloured background of another hue (a red shop sign, an
 * orange van body) is not a plate even when its text looks like one.
 */
export function isPlateBackground(c: PlateColours): boolean {
  const [r, g, b] = c.background;
  const [h, s, v] = rgbToHsv(r, g, b);
  if (s < 0.3 || v < 0.2) return true; // neutral or too dark to tell
  // from 25°, the lower bound of the yellow class (colourClass): a yellow plate under warm light
  // is orange (浙G66666 of the real photos at 29°, rejected by the former 30°)
  return (h >= 170 && h <= 260) || (h >= 25 && h <= 170);
}
