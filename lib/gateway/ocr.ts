/**
 * The OCR handler behind withSignedApp: validate the body (4001–4011), refuse with
 * 4019 when no call is left, run the engine on the valid images, then charge exactly
 * the recognised images. If the quota ran out between the check and the charge, the
 * unpaid successes become per-image 4019 failures: no image is served unpaid.
 */
import { API_CODES } from "@/lib/api/codes";
import { runBatch, type ImageError } from "@/lib/engine/response";
import type { ApiKind, ResultFor } from "@/lib/engine/types";
import { consumeCalls } from "@/lib/quota/consume";
import { emitQuotaExhausted } from "@/lib/quota/events";
import { errorOutcome, type Outcome, type SignedRequest } from "./signed";
import { checkImage, parseImageList, perImage } from "./validate";

type Item = ResultFor<ApiKind> | ImageError;

function isImageError(r: Item): r is ImageError {
  return typeof (r as ImageError).err_code === "number";
}

export async function ocrHandler({ app, body, db, engine, now }: SignedRequest): Promise<Outcome> {
  const slots = parseImageList(body).map(checkImage);
  const results: Item[] = slots.map((s) => (s.ok ? perImage(5000) : s.error));
  const validIdx = slots.flatMap((s, i) => (s.ok ? [i] : []));

  let remaining = app.remaining;
  let engineMs = 0;
  let packs: Outcome["packs"] = null;
  if (validIdx.length > 0) {
    if (remaining < 1) {
      emitQuotaExhausted({ appId: app.appId, api: app.api, reason: "refused", at: now });
      return errorOutcome(4019, undefined, { remaining: 0 });
    }
    const images = validIdx.map((i) => (slots[i] as { ok: true; image: Buffer }).image);
    const t = performance.now();
    const batch = await runBatch(engine, app.api, images);
    engineMs = performance.now() - t;
    if (batch.result.every((r) => isImageError(r) && r.err_code === 5001)) {
      return errorOutcome(5001, API_CODES[5001].message, { engineMs, remaining });
    }
    batch.result.forEach((r, k) => (results[validIdx[k]!] = r));

    const okIdx = validIdx.filter((i) => !isImageError(results[i]!));
    if (okIdx.length > 0) {
      const charge = await consumeCalls(db, { appId: app.appId, api: app.api, n: okIdx.length, now });
      remaining = charge.remaining;
      packs = charge.packs;
      const unpaid = okIdx.slice(charge.charged);
      for (const i of unpaid) results[i] = perImage(4019);
      if (unpaid.length > 0) emitQuotaExhausted({ appId: app.appId, api: app.api, reason: "refused", at: now });
    }
  }
  const fail = results.filter(isImageError).length;
  const success = results.length - fail;
  return {
    status: 200,
    body: { code: 0, message: { success, fail }, result: results },
    code: 0,
    imagesOk: success,
    imagesFailed: fail,
    packs,
    engineMs,
    remaining,
  };
}
