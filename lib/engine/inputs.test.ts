/**
 * Inputs the pipeline must read like any other (issue 14 item 3): transparency,
 * 16-bit and palette PNGs, CMYK and progressive JPEGs, greyscale BMP, wide short
 * and tall narrow images within the manual's 32–5000 px, and small text on a
 * large page. Every image is rendered here (Noto CJK); nothing outside the repository is read.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModels, type Models } from "./models";
import { decodeImage } from "./decode";
import { ocrPage } from "./page";
import { accuracy, forgivingScore, lineScores } from "../../bench/metrics";
import { esc } from "../render/svg";
import { greyBmp } from "../render/textset";

let models: Models;
beforeAll(async () => {
  models = await loadModels();
});

const FONT = "Noto Sans CJK SC";
const LINES = ["通用文字识别测试页面", "电话：010-12345678 编号A17", "北京市海淀区中关村大街"];

/** Lines of `size` px text in `fill` on `bg` (none: transparent). */
function svg(lines: string[], o: { size?: number; fill?: string; bg?: string | null; width?: number; x?: number } = {}): Buffer {
  const size = o.size ?? 32, lead = Math.round(size * 1.6);
  const width = o.width ?? 40 + Math.max(...lines.map((l) => [...l].length)) * size;
  const height = 30 + lines.length * lead;
  const bg = o.bg === null ? "" : `<rect width="${width}" height="${height}" fill="${o.bg ?? "#fff"}"/>`;
  const body = lines.map((t, i) => `<text x="${o.x ?? 20}" y="${15 + size + i * lead}" font-family="${FONT}" font-size="${size}" fill="${o.fill ?? "#111"}">${esc(t)}</text>`).join("");
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${bg}${body}</svg>`);
}

async function read(file: Buffer): Promise<string[]> {
  return (await ocrPage(models, await decodeImage(file))).map((l) => l.text);
}
const score = (pred: string[], gt: string[]) => accuracy(forgivingScore(gt, pred));

describe("transparency", () => {
  it("reads white text on a transparent PNG", async () => {
    const png = await sharp(svg(LINES, { fill: "#fff", bg: null })).png().toBuffer();
    expect((await sharp(png).metadata()).hasAlpha).toBe(true);
    expect(score(await read(png), LINES)).toBeGreaterThan(0.95);
  });

  it("reads dark text on a transparent PNG", async () => {
    const png = await sharp(svg(LINES, { fill: "#222", bg: null })).png().toBuffer();
    expect(score(await read(png), LINES)).toBeGreaterThan(0.95);
  });
});

describe("file formats", () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await sharp(svg(LINES)).png().toBuffer();
  });
  const cases: [string, (p: Buffer) => Promise<Buffer>][] = [
    ["16-bit PNG", (p) => sharp(p).toColourspace("rgb16").png().toBuffer()],
    ["palette PNG", (p) => sharp(p).png({ palette: true, colours: 16 }).toBuffer()],
    ["CMYK JPEG", (p) => sharp(p).toColourspace("cmyk").jpeg({ quality: 90 }).toBuffer()],
    ["progressive JPEG", (p) => sharp(p).jpeg({ quality: 85, progressive: true }).toBuffer()],
    ["greyscale BMP (8-bit palette)", (p) => greyBmp(p)],
  ];
  for (const [name, make] of cases) {
    it(`reads a ${name} like the PNG`, async () => {
      const file = await make(png);
      const [a, b] = [await decodeImage(png), await decodeImage(file)];
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      expect(score(await read(file), LINES)).toBeGreaterThan(0.95);
    });
  }
});

describe("shapes within 32–5000 px", () => {
  it("reads a wide short image: one 150-character line, 4900×48", async () => {
    const line = "二零二四年度技术报告第一章概述本系统提供通用文字识别身份证识别与车牌识别三种能力支持PNG JPEG BMP格式单张图片不超过10MB边长在32至5000像素之间".repeat(2).slice(0, 150);
    const png = await sharp(svg([line], { size: 28, width: 4900 })).resize(4900, 48, { fit: "fill" }).png().toBuffer();
    expect(score(await read(png), [line])).toBeGreaterThan(0.9);
  }, 120_000);

  it("reads a tall narrow image: a vertical line of 12 characters, 48×600", async () => {
    const col = "春眠不觉晓处处闻啼鸟夜来风";
    const chars = [...col].map((c, i) => `<text x="24" y="${40 + i * 46}" font-family="${FONT}" font-size="40" text-anchor="middle" fill="#111">${c}</text>`).join("");
    const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="48" height="600"><rect width="48" height="600" fill="#fff"/>${chars}</svg>`)).png().toBuffer();
    expect(score(await read(png), [col])).toBeGreaterThan(0.8);
  });

  it("reads every line of a 4900×4900 page of 28-px text", async () => {
    const base = "第一章概述本系统提供通用文字识别身份证识别与车牌识别三种能力支持多种图片格式并返回每一行文字的位置与置信度";
    const lines = Array.from({ length: 106 }, (_, i) => `${i + 1}．${base.slice(i % 20, (i % 20) + 30)}`);
    const png = await sharp(svg(lines, { size: 28, width: 4900, x: 200 })).resize(4900, 4900, { fit: "contain", position: "top", background: "#fff" }).png().toBuffer();
    const pred = await read(png);
    const lost = lineScores(lines, pred).filter((s) => s.correct < 0.8 * s.total);
    expect(lost.map((s) => s.line)).toEqual([]);
  }, 600_000);
});
