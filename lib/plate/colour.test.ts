import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { renderPlate } from "../render";
import { plateColours, plateTypeFromColours, isPlateBackground, colourFitsText, colourCode, COLOUR_CLASSES, rgbToHsv, type ColourClass } from "./colour";
import { decodePlate } from "./grammar";
import type { RgbImage as RawImage } from "../engine/image";

async function raw(png: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe("plate type from colours", () => {
  it.each([
    ["京A12345", "蓝牌"],
    ["京A12345", "黄牌"],
    ["沪AF71017", "绿牌"],
    ["京A1234警", "白牌"],
    ["粤Z1234港", "黑牌"],
  ] as const)("%s on a %s background", async (text, type) => {
    const img = await raw(await renderPlate({ text, type, width: 200 }));
    expect(plateTypeFromColours(plateColours(img), text)).toBe(type);
  });
  it("tells white from black plates by colour alone (no suffix)", async () => {
    expect(plateTypeFromColours(plateColours(await raw(await renderPlate({ text: "京A12345", type: "白牌", width: 200 }))), "京A12345")).toBe("白牌");
    expect(plateTypeFromColours(plateColours(await raw(await renderPlate({ text: "京A12345", type: "黑牌", width: 200 }))), "京A12345")).toBe("黑牌");
  });
  it("keeps a dim, hazy blue plate blue", () => {
    expect(plateTypeFromColours({ background: [52, 60, 78], lightBackground: false, shares: { blue: 0, yellow: 0, green: 0, white: 0, black: 0.7, other: 0.3 } })).toBe("蓝牌");
  });
  it("accepts a yellow plate turned orange by warm light (hue 29°) as a plate background", () => {
    expect(isPlateBackground({ background: [188, 137, 91], lightBackground: true, shares: { blue: 0, yellow: 0.5, green: 0, white: 0, black: 0, other: 0.5 } })).toBe(true);
  });
  it("rejects a red sign as a plate background", () => {
    expect(isPlateBackground({ background: [176, 48, 32], lightBackground: false, shares: { blue: 0, yellow: 0, green: 0, white: 0, black: 0, other: 1 } })).toBe(false);
  });
});

describe("colour and characters agree as GA 36 pairs them", () => {
  const sure = (s: string) => [...s].map((char) => [{ char, p: 0.98 }]);
  /** the decoder's reading of a clean string, then the colour check */
  const fits = (text: string, type: Parameters<typeof colourFitsText>[0], lightBackground = true) => {
    const r = decodePlate(sure(text));
    if (!r) throw new Error(`${text} is not read as a plate`);
    return colourFitsText(type, r.text, r.template.startsWith("new energy"), { lightBackground });
  };

  it("never takes a 7-character reading for a green plate (new-energy plates have 8)", () => {
    expect(fits("京A70531", "绿牌")).toBe(false);
    expect(fits("豫G7250F", "绿牌")).toBe(false);
    expect(fits("沪B2G47K", "绿牌")).toBe(false);
  });

  it("never takes light characters on a darker green for a plate (new-energy characters are black)", () => {
    expect(fits("沪AD12345", "绿牌", false)).toBe(false);
  });

  it("keeps every real plate type", () => {
    const ok: [string, Parameters<typeof colourFitsText>[0], boolean?][] = [
      ["京A12345", "蓝牌", false], ["浙B2V9L7", "蓝牌", false],
      ["京A12345", "黄牌"], ["皖A1234学", "黄牌"], ["鄂F1234挂", "黄牌"],
      ["沪AD12345", "绿牌"], ["苏ED51712", "绿牌"], ["粤B12345D", "绿牌"], ["皖M51905F", "绿牌"],
      ["京A1234警", "白牌"], ["WJ京1234X", "白牌"], ["WJ1693015", "白牌"], ["粤A1234应急", "白牌"],
      ["粤Z1234港", "黑牌", false], ["粤Z1234澳", "黑牌", false], ["沪A1234领", "黑牌", false], ["使014578", "黑牌", false],
    ];
    for (const [text, type, light] of ok) expect(fits(text, type, light ?? true), `${text} ${type}`).toBe(true);
  });

  it("keeps the older rule: a standard number on a white or black ground is printed text", () => {
    expect(fits("京A70531", "白牌")).toBe(false);
    expect(fits("京A70531", "黑牌", false)).toBe(false);
  });
});

describe("colourCode", () => {
  it("classifies as the rules on rgbToHsv do (every 5th value of each channel)", () => {
    const byHsv = (r: number, g: number, b: number): ColourClass => {
      const [h, s, v] = rgbToHsv(r, g, b);
      if (v < 0.28 && !(s > 0.55 && h >= 195 && h <= 250 && v > 0.12)) return "black";
      if (s > 0.3 && h >= 190 && h <= 255 && v > 0.25) return "blue";
      if (s > 0.35 && h >= 25 && h <= 65 && v > 0.4) return "yellow";
      if (s > 0.2 && h > 65 && h < 170 && v > 0.3) return "green";
      if (s < 0.22 && v > 0.55) return "white";
      return "other";
    };
    let wrong = 0;
    for (let r = 0; r < 256; r += 5) for (let g = 0; g < 256; g += 5) for (let b = 0; b < 256; b += 5) if (COLOUR_CLASSES[colourCode(r, g, b)] !== byHsv(r, g, b)) wrong++;
    expect(wrong).toBe(0);
  });
});
