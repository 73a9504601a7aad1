/**
 * The embedded engine end to end: decoding rules, accuracy on the real photos
 * in tests/fixtures/corpus/general and on pages rendered here with Noto CJK, rotated
 * pages, boxes, and the worker-thread engine with its bounded queue.
 * Speed is measured by `npm run bench:ocr`, not asserted here.
 */
import sharp from "sharp";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { loadModels, type Models } from "./models";
import { decodeImage, sniffFormat } from "./decode";
import { ocrPage, type PageLine } from "./page";
import { EmbeddedEngine } from "./embedded";
import { EngineError, type GeneralResult } from "./types";
import { quadBounds, type Quad } from "./geometry";
import type { RgbImage } from "./image";
import { randomIdentity, renderIdcard, renderPlate } from "../render";
import { accuracy, addScores, editDistance, forgivingScore, strictScore, normalizeText } from "../../bench/metrics";
import { corpusFile, corpusManifest } from "@/tests/fixtures/corpus";

interface RenderedLine {
  text: string;
  x: number;
  y: number; // baseline
  size: number;
}

const PAGE_LINES: RenderedLine[] = [
  { text: "通用文字识别测试页面", x: 40, y: 90, size: 44 },
  { text: "深度学习让机器读懂文字", x: 40, y: 170, size: 36 },
  { text: "电话：010-12345678 编号A17", x: 40, y: 240, size: 32 },
  { text: "北京市海淀区中关村大街", x: 40, y: 310, size: 36 },
];

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Renders lines of text on white with Noto Sans CJK (fonts-noto-cjk). */
async function renderPage(lines: RenderedLine[], width = 760, height = 360): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>` +
    lines.map((l) => `<text x="${l.x}" y="${l.y}" font-family="Noto Sans CJK SC, WenQuanYi Zen Hei" font-size="${l.size}" fill="#111">${escapeXml(l.text)}</text>`).join("") +
    `</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A 24-bit bottom-up BMP of raw RGB. */
function encodeBmp(width: number, height: number, rgb: Uint8Array): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + row * height);
  buf.write("BM", 0, "ascii");
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    const o = 54 + (height - 1 - y) * row;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3;
      buf[o + x * 3] = rgb[s + 2];
      buf[o + x * 3 + 1] = rgb[s + 1];
      buf[o + x * 3 + 2] = rgb[s];
    }
  }
  return buf;
}


type Bounds = { minX: number; minY: number; maxX: number; maxY: number };

/** Bounds of the dark pixels between rows y0 and y1. */
function inkBounds(img: RgbImage, y0: number, y1: number): Bounds {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, Math.ceil(y1)); y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[(y * img.width + x) * 3] < 128) {
        b.minX = Math.min(b.minX, x);
        b.maxX = Math.max(b.maxX, x + 1);
        b.minY = Math.min(b.minY, y);
        b.maxY = Math.max(b.maxY, y + 1);
      }
    }
  }
  return b;
}

const boxArea = (b: Bounds) => Math.max(0, b.maxX - b.minX) * Math.max(0, b.maxY - b.minY);

/** Share of the ink's bounding box inside the quad's bounding box. */
function coverage(quad: Quad, ink: Bounds): number {
  const q = quadBounds(quad);
  const inter = { minX: Math.max(q.minX, ink.minX), minY: Math.max(q.minY, ink.minY), maxX: Math.min(q.maxX, ink.maxX), maxY: Math.min(q.maxY, ink.maxY) };
  return boxArea(inter) / boxArea(ink);
}

function closestLine(lines: PageLine[], text: string): number {
  let best = -1, bestD = Infinity;
  lines.forEach((l, i) => {
    const d = editDistance(normalizeText(l.text), normalizeText(text));
    if (d < bestD) [best, bestD] = [i, d];
  });
  expect(bestD, text).toBeLessThan(text.length / 3);
  return best;
}

const pageScore = (lines: PageLine[], gt: string[]) => accuracy(forgivingScore(gt, lines.map((l) => l.text)));
const gtTexts = PAGE_LINES.map((l) => l.text);

let models: Models;
let pagePng: Buffer;

beforeAll(async () => {
  models = await loadModels();
  pagePng = await renderPage(PAGE_LINES);
});

describe("decoding", () => {
  it("recognises formats by content, not by name", () => {
    expect(sniffFormat(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
  });

  it("refuses a GIF as unsupported_format", async () => {
    const gif = await sharp(pagePng).gif().toBuffer();
    await expect(decodeImage(gif)).rejects.toMatchObject({ name: "EngineError", kind: "unsupported_format" });
  });

  it("refuses a truncated JPEG as corrupt", async () => {
    const jpg = await sharp(pagePng).jpeg().toBuffer();
    const err = await decodeImage(jpg.subarray(0, Math.floor(jpg.length / 2))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe("corrupt");
    expect((err as EngineError).message).toMatch(/decode|read/);
  });

  it("refuses a PNG whose body is garbage as corrupt", async () => {
    const png = Buffer.from(pagePng);
    png.fill(0x5a, 40);
    await expect(decodeImage(png)).rejects.toMatchObject({ kind: "corrupt" });
  });

  it("refuses sides below 32 or above 5000 as bad_dimensions", async () => {
    const small = await sharp({ create: { width: 31, height: 100, channels: 3, background: "#fff" } }).png().toBuffer();
    await expect(decodeImage(small)).rejects.toMatchObject({ kind: "bad_dimensions" });
    const wide = await sharp({ create: { width: 5001, height: 40, channels: 3, background: "#fff" } }).png().toBuffer();
    await expect(decodeImage(wide)).rejects.toMatchObject({ kind: "bad_dimensions" });
  });

  it("accepts BMP and reads it like the PNG", async () => {
    const png = await decodeImage(pagePng);
    const bmp = encodeBmp(png.width, png.height, png.data);
    const img = await decodeImage(bmp);
    expect([img.width, img.height]).toEqual([png.width, png.height]);
    expect(Buffer.compare(Buffer.from(img.data), Buffer.from(png.data))).toBe(0);
    expect(pageScore(await ocrPage(models, img), gtTexts)).toBeGreaterThan(0.9);
  });

  it("honours EXIF orientation", async () => {
    // Pixels stored turned 90° counter-clockwise, EXIF 6 says "turn clockwise to view".
    const stored = await sharp(pagePng).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const img = await decodeImage(stored);
    expect([img.width, img.height]).toEqual([760, 360]);
    const lines = await ocrPage(models, img, { orientation: false });
    expect(pageScore(lines, gtTexts)).toBeGreaterThan(0.9);
  });
});

describe("rendered pages", () => {
  it("reads an upright page accurately with boxes around their text, in reading order", async () => {
    const img = await decodeImage(pagePng);
    const lines = await ocrPage(models, img);
    expect(accuracy(strictScore(gtTexts, lines.map((l) => l.text)))).toBeGreaterThan(0.9);
    const order: number[] = [];
    for (const gt of PAGE_LINES) {
      const i = closestLine(lines, gt.text);
      order.push(i);
      const ink = inkBounds(img, gt.y - 1.1 * gt.size, gt.y + 0.4 * gt.size);
      // Measured 0.87–1.0: the DB map sits a few px below CJK glyph tops at large sizes.
      expect(coverage(lines[i].quad, ink), gt.text).toBeGreaterThan(0.85);
      expect(boxArea(quadBounds(lines[i].quad))).toBeLessThan(1.6 * boxArea(ink));
    }
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it.each([90, 180, 270])("reads a page rotated by %i°, boxes in the rotated image's pixels", async (deg) => {
    const rotated = await sharp(pagePng).rotate(deg).png().toBuffer();
    const img = await decodeImage(rotated);
    const lines = await ocrPage(models, img);
    expect(pageScore(lines, gtTexts)).toBeGreaterThan(0.9);
    for (const l of lines) {
      const b = quadBounds(l.quad);
      expect(b.minX).toBeGreaterThanOrEqual(0);
      expect(b.minY).toBeGreaterThanOrEqual(0);
      expect(b.maxX).toBeLessThanOrEqual(img.width);
      expect(b.maxY).toBeLessThanOrEqual(img.height);
    }
    // The first line read is the title, wherever the rotation put it.
    expect(normalizeText(lines[0].text)).toContain("识别测试");
  });

  it("reads a page skewed by 12°", async () => {
    const skewed = await sharp(pagePng).rotate(12, { background: "#ffffff" }).png().toBuffer();
    const lines = await ocrPage(models, await decodeImage(skewed));
    expect(pageScore(lines, gtTexts)).toBeGreaterThan(0.9);
  });

  it("maps boxes of a large image (scaled for detection) back to its pixels", async () => {
    const img = await decodeImage(await sharp(pagePng).resize(3040, 1440).png().toBuffer());
    const lines = await ocrPage(models, img);
    const gt = PAGE_LINES[0];
    const title = lines[closestLine(lines, gt.text)];
    const ink = inkBounds(img, (gt.y - 1.1 * gt.size) * 4, (gt.y + 0.4 * gt.size) * 4);
    expect(coverage(title.quad, ink)).toBeGreaterThan(0.85);
    expect(boxArea(quadBounds(title.quad))).toBeLessThan(1.6 * boxArea(ink));
  });
});

describe("real photos (tests/fixtures/corpus/general, Apache-2.0 and MIT sources)", () => {
  it("reads characters above the measured thresholds", async () => {
    const manifest = corpusManifest("general");
    let strict = { correct: 0, total: 0 };
    let forgiving = { correct: 0, total: 0 };
    for (const entry of manifest) {
      const img = await decodeImage(corpusFile("general", entry.file), { checkDimensions: false });
      const pred = (await ocrPage(models, img)).map((l) => l.text);
      strict = addScores(strict, strictScore(entry.lines, pred));
      forgiving = addScores(forgiving, forgivingScore(entry.lines, pred));
    }
    expect(accuracy(forgiving)).toBeGreaterThan(0.95);
    expect(accuracy(strict)).toBeGreaterThan(0.93);
  }, 900_000); // 26 photos: generous so a loaded machine (2 cores, load 20) does not fail it (no timing is asserted)

  it("honours the EXIF orientation of a real photo", async () => {
    const img = await decodeImage(corpusFile("general", "g_rap_img_exif_orientation.jpg"));
    const lines = await ocrPage(models, img, { orientation: false });
    expect(lines.map((l) => l.text).join("")).toContain("我是中国人");
  });
});

describe("worker engine", () => {
  let engine: EmbeddedEngine;
  beforeAll(() => {
    engine = new EmbeddedEngine({ concurrency: 1, queueLimit: 4 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it("recognises off the main thread and answers the manual's result shape", async () => {
    const res: GeneralResult = await engine.run("general", pagePng);
    expect(res.text_line).toBe(res.detail.length);
    expect(res.detail[0].name).toBe("0");
    expect(res.detail[0].box).toHaveLength(8);
    expect(accuracy(forgivingScore(gtTexts, res.detail.map((d) => d.text)))).toBeGreaterThan(0.9);
    await expect(engine.run("general", Buffer.from("GIF89a not really"))).rejects.toMatchObject({ kind: "unsupported_format" });
    expect(engine.stats().imagesDone).toBe(2);
  });

  it("reads plates and ID cards in the worker thread too", async () => {
    const plate = await engine.run("plate", await renderPlate({ text: "浙C80000", type: "蓝牌", width: 300 }));
    expect(plate.detail.map((d) => [d.plate_license, d.plate_type])).toEqual([["浙C80000", "蓝牌"]]);
    const id = randomIdentity(5);
    const card = await engine.run("idcard", await renderIdcard({ side: "back", ...id }));
    expect([card.note, card.detail.name, card.detail.idn]).toEqual(["back", id.name, id.idn]);
    await expect(engine.run("idcard", pagePng)).rejects.toMatchObject({ kind: "no_idcard" });
  });

  it("refuses with busy when the queue is full", async () => {
    const small = new EmbeddedEngine({ concurrency: 1, queueLimit: 1 });
    try {
      const first = small.run("general", pagePng);
      await expect(small.run("general", pagePng)).rejects.toMatchObject({ kind: "busy" });
      expect(small.stats().busyRefusals).toBe(1);
      await first;
    } finally {
      await small.close();
    }
  });
});
