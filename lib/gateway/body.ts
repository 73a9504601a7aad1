/**
 * Reading a request body, only once the AppKey and Timestamp have been checked:
 *  - capped (4021 as soon as it passes MAX_BODY_BYTES, from the bytes actually read);
 *  - hashed while it streams: the signature scheme hands in its hashes (for the MD5
 *    Sign, one per secret × path, already fed with "AppKey + AppSecret + Timestamp + Path"),
 *    each chunk updates them, so the body is never walked a second time to verify it;
 *  - assembled into one Buffer without a second copy when Content-Length is declared;
 *  - under a process-wide budget of body bytes in flight (GATEWAY_BODY_BUDGET_BYTES,
 *    default 1 GiB): past it the request is refused with 5001 and Retry-After instead of
 *    letting parallel uploads hold gigabytes. One request alone is always admitted.
 * The bytes read are counted on the meter even when reading fails, for bytes_in.
 */
import type { Hash } from "node:crypto";
import { ApiError } from "@/lib/api/codes";
import { IMAGE_LIMITS } from "@/lib/catalogue/apis";

export const MAX_IMAGES = IMAGE_LIMITS.maxImages;
export const MAX_IMAGE_BYTES = IMAGE_LIMITS.maxImageBytes;
/** 50 images of 10 MB in base64, plus room for the JSON around them. */
export const MAX_BODY_BYTES = MAX_IMAGES * Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 1024 * 1024;
/** Seconds a client refused for the body budget should wait. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Body bytes held by requests in flight, process-wide. */
export class BodyBudget {
  private held = 0;
  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.held;
  }

  /** Takes n bytes, or returns false when that would pass the limit (an empty budget always admits). */
  take(n: number): boolean {
    if (this.held > 0 && this.held + n > this.limit) return false;
    this.held += n;
    return true;
  }

  release(n: number): void {
    this.held = Math.max(0, this.held - n);
  }
}

const KEY = Symbol.for("ocr-cloud.gateway.body-budget");
/** The process-wide budget (on globalThis so dev reloads and route bundles share one). */
export function bodyBudget(): BodyBudget {
  const g = globalThis as { [KEY]?: BodyBudget };
  return (g[KEY] ??= new BodyBudget(Number(process.env.GATEWAY_BODY_BUDGET_BYTES) || 1024 ** 3));
}

/** What reading cost so far: bytes read (for bytes_in) and bytes reserved in the budget (to release). */
export interface BodyMeter {
  bytesRead: number;
  reserved: number;
}

export function newMeter(): BodyMeter {
  return { bytesRead: 0, reserved: 0 };
}

export interface ReadOptions {
  cap?: number;
  budget?: BodyBudget;
  /** hashes to feed every chunk to, in order */
  hashes?: Hash[];
}

function reserve(budget: BodyBudget, meter: BodyMeter, n: number): void {
  if (!budget.take(n)) throw new ApiError(5001, "服务器正在接收的请求体过多，请稍后重试", BUSY_RETRY_AFTER_SECONDS);
  meter.reserved += n;
}

export async function readBody(req: Request, meter: BodyMeter, opts: ReadOptions = {}): Promise<Buffer> {
  const cap = opts.cap ?? MAX_BODY_BYTES;
  const budget = opts.budget ?? bodyBudget();
  const hashes = opts.hashes ?? [];
  const header = req.headers.get("content-length");
  const declared = header !== null && /^\d{1,16}$/.test(header) ? Number(header) : null;
  if (declared !== null && declared > cap) throw new ApiError(4021, `请求体 ${declared} 字节，上限 ${cap} 字节`);
  if (!req.body) return Buffer.alloc(0);
  if (declared !== null) reserve(budget, meter, declared);

  // With a declared length the chunks are copied into one buffer as they arrive (no concat at the end).
  let whole = declared !== null && declared > 0 ? Buffer.allocUnsafe(declared) : null;
  let chunks: Uint8Array[] = [];
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const at = meter.bytesRead;
      meter.bytesRead += value.byteLength;
      if (meter.bytesRead > cap) throw new ApiError(4021, `请求体超过上限 ${cap} 字节`);
      if (meter.bytesRead > meter.reserved) reserve(budget, meter, meter.bytesRead - meter.reserved);
      for (const h of hashes) h.update(value);
      if (whole && meter.bytesRead <= whole.length) {
        whole.set(value, at);
      } else {
        if (whole) [chunks, whole] = [[whole.subarray(0, at)], null]; // more than declared: fall back to chunks
        chunks.push(value);
      }
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  if (whole) return meter.bytesRead === whole.length ? whole : whole.subarray(0, meter.bytesRead);
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks, meter.bytesRead);
}
