/**
 * The OCR handler behind withSignedApp: validate the body (4001–4011), refuse with
 * 4019 when no call is left, run the engine on at most as many valid images as calls
 * are left (the others answer 4019 each, unrun), then ask the wrapper to charge exactly
 * the recognised images together with the call's record. If the quota ran out between
 * admission and charge, the unpaid successes become per-image 4019 failures: no image
 * is served unpaid. The engine queue is shared fairly between applications (owner).
 */
import { API_CODES } from "@/lib/api/codes";
import { runBatch, type ImageError } from "./batch";
import type { ApiKind, OcrEngine, ResultFor } from "@/lib/engine/types";
import { emitQuotaExhausted } from "@/lib/quota/events";
import { errorOutcome, type Outcome, type SignedRequest } from "./signed";
import { checkImage, parseImageList, perImage } from "./validate";

type Item = ResultFor<ApiKind> | ImageError;

function isImageError(r: Item): r is ImageError {
  return typeof (r as ImageError).err_code === "number";
}

/** Seconds until the engine has likely worked through its queue (for a 5001's Retry-After), 1–60. */
export function engineRetryAfter(engine: OcrEngine): number {
  const s = engine.stats();
  const perSecond = Math.max(s.imagesPerSecond, 0.5);
  return Math.min(60, Math.max(1, Math.ceil((s.queueDepth + s.running) / perSecond)));
}

export async function ocrHandler({ app, body, engine, now }: SignedRequest): Promise<Outcome> {
  const slots = parseImageList(body).map(checkImage);
  const results: Item[] = slots.map((s) => (s.ok ? perImage(5000) : s.error));
  const validIdx = slots.flatMap((s, i) => (s.ok ? [i] : []));
  const refused = () => emitQuotaExhausted({ appId: app.appId, api: app.api, reason: "refused", at: now });

  let engineMs = 0;
  let okIdx: number[] = [];
  if (validIdx.length > 0) {
    if (app.remaining < 1) {
      refused();
      return errorOutcome(4019, undefined, { remaining: 0 });
    }
    // Work is bounded by what can be paid: images past the calls left are not run.
    const runIdx = validIdx.slice(0, app.remaining);
    for (const i of validIdx.slice(runIdx.length)) results[i] = perImage(4019);
    if (runIdx.length < validIdx.length) refused();

    const images = runIdx.map((i) => (slots[i] as { ok: true; image: Buffer }).image);
    const t = performance.now();
    const batch = await runBatch(engine, app.api, images, { owner: app.appId });
    engineMs = performance.now() - t;
    if (batch.result.every((r) => isImageError(r) && r.err_code === 5001)) {
      return errorOutcome(5001, API_CODES[5001].message, { engineMs, remaining: app.remaining, retryAfter: engineRetryAfter(engine) });
    }
    batch.result.forEach((r, k) => (results[runIdx[k]!] = r));
    okIdx = runIdx.filter((i) => !isImageError(results[i]!));
  }

  /** The response when `charged` of the recognised images could be paid for. */
  const outcome = (charged: number): Outcome => {
    const out = [...results];
    const unpaid = okIdx.slice(charged);
    for (const i of unpaid) out[i] = perImage(4019);
    if (unpaid.length > 0) refused();
    const fail = out.filter(isImageError).length;
    const success = out.length - fail;
    return {
      status: 200,
      body: { code: 0, message: { success, fail }, result: out },
      code: 0,
      imagesOk: success,
      imagesFailed: fail,
      packs: null,
      engineMs,
      remaining: app.remaining,
    };
  };
  if (okIdx.length === 0) return outcome(0);
  return { ...outcome(okIdx.length), charge: { n: okIdx.length, partial: outcome } };
}
