/**
 * Request validation in the manual's order: 4001 not JSON, 4002 not an object,
 * 4003 no data, 4004 data not a list, 4005 empty, 4006 more than 50 (whole request);
 * then per image 4008 bad Base64, 4010 over 10 MB, 4009 not png/jpg/jpeg/bmp by
 * content, 4011 sides outside 32–5000 px. The manual's nested ID-card/plate form
 * {"data": [{"data": [...]}]} is flattened first.
 */
import { API_CODES, ApiError, type ApiCode } from "@/lib/api/codes";
import { IMAGE_LIMITS } from "@/lib/catalogue/apis";
import type { ImageError } from "./batch";
import { MAX_IMAGE_BYTES } from "./body";
import { parseJsonBody } from "./json";
import { imageSize, sniffFormat } from "@/lib/images/header";
import { imageBase64, imageList, requestEnvelope } from "./schemas";

export type ImageSlot = { ok: true; image: Buffer } | { ok: false; error: ImageError };

export function perImage(code: ApiCode): ImageError {
  return { err_code: code, err_msg: API_CODES[code].message };
}

function parseJson(body: Buffer, largeFrom?: number): unknown {
  try {
    return parseJsonBody(body, largeFrom);
  } catch {
    throw new ApiError(4001, "请求体不是合法的 JSON");
  }
}

/** The manual's nested ID-card/plate form {"data": [{"data": [...]}]} as one flat list. */
export function flatten(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const nested = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as { data?: unknown }).data : undefined;
    if (Array.isArray(nested)) out.push(...nested);
    else out.push(item);
  }
  return out;
}

/** The list of images in a body, or an ApiError with the manual's whole-request code. */
export function parseImageList(body: Buffer, opts: { largeFrom?: number } = {}): unknown[] {
  const json = parseJson(body, opts.largeFrom);
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new ApiError(4002);
  const env = requestEnvelope.safeParse(json);
  if (!env.success) {
    throw (json as { data?: unknown }).data === undefined ? new ApiError(4003) : new ApiError(4004);
  }
  const list = imageList.safeParse(flatten(env.data.data));
  if (!list.success) {
    const issue = list.error.issues[0];
    throw issue?.code === "too_big" ? new ApiError(4006, `图片数量超过 50 张`) : new ApiError(4005);
  }
  return list.data;
}

const MAX_B64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 * 1.1;
const B64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DATA_URL_RE = /^data:[\w/+.-]*;base64,/;

/** Decodes standard or URL-safe Base64 (whitespace and a data: URL prefix tolerated), or null. */
export function decodeBase64(input: string): Buffer | null {
  let s = input.startsWith("data:") ? input.replace(DATA_URL_RE, "") : input;
  if (/\s/.test(s)) s = s.replace(/\s+/g, "");
  if (s.length === 0 || s.length % 4 === 1 || !B64_RE.test(s)) return null;
  const buf = Buffer.from(s, "base64");
  return buf.length > 0 ? buf : null;
}

/** Checks one image entry; returns its file bytes or the per-image error. */
export function checkImage(entry: unknown): ImageSlot {
  const parsed = imageBase64.safeParse(entry);
  if (!parsed.success) return { ok: false, error: perImage(4008) };
  // Refuse a clearly oversized image from its Base64 length (with room for line breaks), before decoding it.
  if (parsed.data.length > MAX_B64_CHARS) return { ok: false, error: perImage(4010) };
  const image = decodeBase64(parsed.data);
  if (!image) return { ok: false, error: perImage(4008) };
  if (image.length > MAX_IMAGE_BYTES) return { ok: false, error: perImage(4010) };
  const format = sniffFormat(image);
  if (!format) return { ok: false, error: perImage(4009) };
  const size = imageSize(image, format);
  if (size && !(size.width >= IMAGE_LIMITS.minSide && size.height >= IMAGE_LIMITS.minSide && size.width <= IMAGE_LIMITS.maxSide && size.height <= IMAGE_LIMITS.maxSide)) {
    return { ok: false, error: perImage(4011) };
  }
  return { ok: true, image };
}
