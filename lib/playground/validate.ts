/**
 * The open API's image rules, browser-safe (no Buffer, no node:*), so the playground
 * refuses a file before uploading it with the very code and message the gateway would
 * answer (用户操作手册 4.1–4.3; order as lib/gateway/validate.ts: 4010 size, 4009 format
 * by content, 4011 sides). The server uses the same module for its own guard.
 */
import { API_CODES, type ApiCode } from "@/lib/api/codes";

export const LIMITS = {
  maxImages: 50,
  maxBytes: 10 * 1024 * 1024,
  minSide: 32,
  maxSide: 5000,
} as const;

export type ImageFormat = "png" | "jpeg" | "bmp";

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

/** The container by its signature (never by file name or MIME type); null for anything refused. */
export function sniffFormat(b: Uint8Array): ImageFormat | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return "png";
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) return "bmp";
  return null;
}

/** Width and height from the file header without decoding; null when the header is not understood. */
export function imageSize(b: Uint8Array, format: ImageFormat): { width: number; height: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === "png") {
    if (b.length < 24) return null;
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (format === "bmp") {
    if (b.length < 26) return null;
    return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  }
  // JPEG: walk the marker segments to the first SOFn.
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = v.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
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
