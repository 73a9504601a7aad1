/**
 * The open API's image rules, browser-safe (no Buffer, no node:*), so the playground
 * refuses a file before uploading it with the very code and message the gateway would
 * answer (用户操作手册 4.1–4.3; order as lib/gateway/validate.ts: 4010 size, 4009 format
 * by content, 4011 sides). The server uses the same module for its own guard.
 */
import { API_CODES, type ApiCode } from "@/lib/api/codes";
import { IMAGE_LIMITS } from "@/lib/catalogue/apis";
import { imageSize, sniffFormat, type ImageFormat } from "@/lib/images/header";

export { imageSize, sniffFormat, type ImageFormat };

/** The catalogue's limits (lib/catalogue/apis), under the names this module has always used. */
export const LIMITS = {
  maxImages: IMAGE_LIMITS.maxImages,
  maxBytes: IMAGE_LIMITS.maxImageBytes,
  minSide: IMAGE_LIMITS.minSide,
  maxSide: IMAGE_LIMITS.maxSide,
} as const;

export interface CodedError {
  code: ApiCode;
  message: string;
}

export type ImageCheck =
  | { ok: true; format: ImageFormat; width: number | null; height: number | null }
  | ({ ok: false } & CodedError);

export function coded(code: ApiCode): CodedError {
  return { code, message: API_CODES[code].message };
}

const sideOk = (n: number) => n >= LIMITS.minSide && n <= LIMITS.maxSide;

/** One image file's bytes against the API's rules: 4010 over 10 MB, 4009 not png/jpeg/bmp, 4011 sides outside 32–5000. */
export function checkImageBytes(b: Uint8Array): ImageCheck {
  if (b.length > LIMITS.maxBytes) return { ok: false, ...coded(4010) };
  const format = sniffFormat(b);
  if (!format) return { ok: false, ...coded(4009) };
  const size = imageSize(b, format);
  if (size && !(sideOk(size.width) && sideOk(size.height))) return { ok: false, ...coded(4011) };
  return { ok: true, format, width: size?.width ?? null, height: size?.height ?? null };
}

/** A refusal from the file's size alone (to avoid reading a huge file into memory), or null. */
export function checkFileSize(bytes: number): CodedError | null {
  return bytes > LIMITS.maxBytes ? coded(4010) : null;
}

/** The number of images of one request: 4005 none, 4006 more than 50. */
export function checkCount(n: number): CodedError | null {
  if (n < 1) return coded(4005);
  if (n > LIMITS.maxImages) return coded(4006);
  return null;
}

/** Base64 length of `bytes` bytes (standard alphabet, padded). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Standard Base64 of raw bytes (browser and Node both have btoa). */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}
