import type { DbOrTx } from "@/db";
import { EngineError, type OcrEngine } from "@/lib/engine/types";
import { takeAttempt } from "@/lib/ratelimit/attempts";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { idNumberProblem } from "./verify";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoFailure = "photo_missing" | "photo_too_large" | "photo_wrong_side" | "photo_unreadable" | "photo_no_idcard" | "photo_format" | "photo_busy";

/** Photo reads (each one runs the OCR engine) per account and per client address per hour. */
export const PHOTO_READS = { perUser: { max: 10, windowMs: 3600_000 }, perAddress: { max: 30, windowMs: 3600_000 } };

/** Counts one photo read for the account and its address; an error when either used up its hour. */
export async function admitPhotoRead(db: DbOrTx, userId: string, clientAddress: string | null, now = new Date()): Promise<Result<true, "photo_throttled">> {
  const byUser = await takeAttempt(db, `idphoto:user:${userId}`, PHOTO_READS.perUser, now);
  const byIp = byUser.allowed && clientAddress ? await takeAttempt(db, `idphoto:ip:${clientAddress}`, PHOTO_READS.perAddress, now) : byUser;
  const worst = !byUser.allowed ? byUser : byIp;
  return worst.allowed ? ok(true) : fail("photo_throttled", worst);
}

/**
 * Reads name and ID number from a photo of the 人像面 with our own ID-card recognition,
 * to fill the 实名认证 form. Nothing is stored: the person checks and submits the form.
 */
export async function readIdcardPhoto(
  engine: Pick<OcrEngine, "run">,
  image: Buffer,
): Promise<Result<{ realName: string; idNumber: string; idNumberOk: boolean }, PhotoFailure>> {
  if (image.length === 0) return fail("photo_missing");
  if (image.length > MAX_PHOTO_BYTES) return fail("photo_too_large");
  try {
    const r = await engine.run("idcard", image);
    if (r.note !== "back") return fail("photo_wrong_side");
    const idNumber = r.detail.idn.trim().toUpperCase();
    if (!r.detail.name && !idNumber) return fail("photo_unreadable");
    return ok({ realName: r.detail.name.trim(), idNumber, idNumberOk: idNumberProblem(idNumber) === null });
  } catch (e) {
    if (e instanceof EngineError) {
      if (e.kind === "busy") return fail("photo_busy");
      if (e.kind === "unsupported_format") return fail("photo_format");
      return fail("photo_no_idcard");
    }
    throw e;
  }
}
