/**
 * The manual's whole response for a batch of images, with per-image errors as
 * err_code/err_msg: the gateway maps the engine's typed errors to the manual's codes here
 * (the engine itself knows nothing of the open API).
 */
import { API_CODES, type ApiCode } from "@/lib/api/codes";
import { EngineError, type ApiKind, type EngineErrorKind, type OcrEngine, type ResultFor, type RunOptions } from "@/lib/engine/types";

export const ENGINE_ERROR_CODES: Record<EngineErrorKind, ApiCode> = {
  unsupported_format: 4009,
  too_large: 4010,
  bad_dimensions: 4011,
  corrupt: 4007,
  no_idcard: 4101,
  busy: 5001,
  internal: 5000,
};

export interface ImageError {
  err_code: ApiCode;
  err_msg: string;
}

export interface BatchResponse<K extends ApiKind> {
  code: 0;
  message: { success: number; fail: number };
  result: (ResultFor<K> | ImageError)[];
}

export function imageError(e: unknown): ImageError {
  const code = e instanceof EngineError ? ENGINE_ERROR_CODES[e.kind] : 5000;
  return { err_code: code, err_msg: API_CODES[code].message };
}

/** Recognises every image (in order, through the engine's queue) and builds the manual's response. */
export async function runBatch<K extends ApiKind>(engine: OcrEngine, kind: K, images: Buffer[], opts: RunOptions = {}): Promise<BatchResponse<K>> {
  const settled = await Promise.allSettled(images.map((img) => engine.run(kind, img, opts)));
  const result = settled.map((s) => (s.status === "fulfilled" ? s.value : imageError(s.reason)));
  const fail = settled.filter((s) => s.status === "rejected").length;
  return { code: 0, message: { success: images.length - fail, fail }, result };
}
