/**
 * Decoding: recognises png / jpeg / bmp by their magic bytes (never by name),
 * applies EXIF orientation, guards against decompression bombs and refuses
 * anything else with an EngineError the gateway maps to the manual's codes.
 */
import sharp from "sharp";
import bmp from "bmp-js";
import { EngineError } from "./types";
import { IMAGE_LIMITS } from "../catalogue/apis";
import type { RgbImage } from "./image";
import { sniffFormat, type ImageFormat } from "@/lib/images/header";

export { sniffFormat, type ImageFormat };

export const MIN_SIDE = IMAGE_LIMITS.minSide;
export const MAX_SIDE = IMAGE_LIMITS.maxSide;
export const MAX_BYTES = IMAGE_LIMITS.maxImageBytes;
/** Pixel limit handed to the decoders: the largest image the manual allows. */
export const MAX_PIXELS = IMAGE_LIMITS.maxPixels;

function checkSides(width: number, height: number): void {
  if (!(width >= MIN_SIDE && height >= MIN_SIDE && width <= MAX_SIDE && height <= MAX_SIDE)) {
    throw new EngineError("bad_dimensions", `image is ${width}×${height}; each side must be ${MIN_SIDE}–${MAX_SIDE} px`);
  }
}

export interface DecodeOptions {
  /** Enforce the manual's 32–5000 px sides (default true; the benchmark turns it off to score tiny corpus crops). */
  checkDimensions?: boolean;
}

/** Decodes raw file bytes into upright RGB pixels. */
export async function decodeImage(buf: Buffer, opts: DecodeOptions = {}): Promise<RgbImage> {
  const check = opts.checkDimensions !== false;
  if (buf.length > MAX_BYTES) throw new EngineError("too_large", `image is ${buf.length} bytes; the limit is ${MAX_BYTES}`);
  const format = sniffFormat(buf);
  if (!format) throw new EngineError("unsupported_format", "not a png, jpeg or bmp file (checked by content)");
  return format === "bmp" ? decodeBmp(buf, check) : decodeWithSharp(buf, check);
}

async function decodeWithSharp(buf: Buffer, check: boolean): Promise<RgbImage> {
  let meta: { width?: number; height?: number; hasAlpha?: boolean };
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new EngineError("corrupt", `cannot read image header: ${(e as Error).message}`);
  }
  if (!meta.width || !meta.height) throw new EngineError("corrupt", "image header has no dimensions");
  if (check) checkSides(meta.width, meta.height);
  else if (meta.width * meta.height > MAX_PIXELS) throw new EngineError("bad_dimensions", "image has too many pixels");
  try {
    const background = meta.hasAlpha ? await backgroundFor(buf) : "#ffffff";
    const { data, info } = await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: "error" })
      .rotate() // EXIF orientation
      .flatten({ background })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    throw new EngineError("corrupt", `cannot decode image: ${(e as Error).message}`);
  }
}

/** Pixels at or above this alpha are what is drawn (text, on a transparent ground); below, the ground. */
const OPAQUE = 128;

/**
 * The colour a transparent image is composited on, decided from what is
 * drawn on it: black under light drawing (white text on a transparent PNG
 * read nothing on white), white otherwise. Judged on a thumbnail of at most 256 px.
 */
async function backgroundFor(buf: Buffer): Promise<string> {
  const { data, info } = await sharp(buf, { limitInputPixels: MAX_PIXELS }).resize(256, 256, { fit: "inside", withoutEnlargement: true }).toColourspace("srgb").ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let drawn = 0, ground = 0, light = 0;
  for (let i = 0; i < info.width * info.height; i++) {
    const o = i * info.channels;
    if (data[o + 3] < OPAQUE) {
      ground++;
      continue;
    }
    drawn++;
    light += 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
  }
  if (ground === 0 || drawn === 0) return "#ffffff";
  return light / drawn > 140 ? "#000000" : "#ffffff";
}

function decodeBmp(buf: Buffer, check: boolean): RgbImage {
  // Check the header before decoding so a huge declared size never allocates.
  const width = buf.readInt32LE(18);
  const height = Math.abs(buf.readInt32LE(22));
  if (check) checkSides(width, height);
  if (width <= 0 || width * height > MAX_PIXELS) throw new EngineError("bad_dimensions", `bmp declares ${width}×${height}`);
  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = bmp.decode(buf);
  } catch (e) {
    throw new EngineError("corrupt", `cannot decode bmp: ${(e as Error).message}`);
  }
  const n = decoded.width * decoded.height;
  if (decoded.data.length < n * 4) throw new EngineError("corrupt", "bmp pixel data is truncated");
  const out = new Uint8Array(n * 3);
  // bmp-js yields ABGR quadruplets.
  for (let i = 0; i < n; i++) {
    out[i * 3] = decoded.data[i * 4 + 3];
    out[i * 3 + 1] = decoded.data[i * 4 + 2];
    out[i * 3 + 2] = decoded.data[i * 4 + 1];
  }
  return { width: decoded.width, height: decoded.height, data: out };
}
