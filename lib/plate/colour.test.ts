import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { renderPlate } from "../render";
import { plateColours, plateTypeFromColours, isPlateBackground } from "./colour";
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
