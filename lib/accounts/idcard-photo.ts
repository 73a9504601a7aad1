import type { DbOrTx } from "@/db";
import { EngineError, type OcrEngine } from "@/lib/engine/types";
import { takeAttempt } from "@/lib/ratelimit/attempts";
import { err, ok, type Result } from "@/lib/result";
import { idNumberProblem } from "./verify";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoFailure = "too_large" | "unreadable" | "wrong_side" | "busy" | "throttled";

/** Photo reads (each one runs the OCR engine) per account and per client address per hour. */
export const PHOTO_READS = { perUser: { max: 10, windowMs: 3600_000 }, perAddress: { max: 30, windowMs: 3600_000 } };

/** Counts one photo read for the account and its address; an error when either used up its hour. */
export async function admitPhotoRead(db: DbOrTx, userId: string, clientAddress: string | null, now = new Date()): Promise<Result<true, "throttled">> {
  const byUser = await takeAttempt(db, `idphoto:user:${userId}`, PHOTO_READS.perUser, now);
  const byIp = byUser.allowed && clientAddress ? await takeAttempt(db, `idphoto:ip:${clientAddress}`, PHOTO_READS.perAddress, now) : byUser;
  const worst = !byUser.allowed ? byUser : byIp;
  return worst.allowed ? ok(true) : err("throttled", `识别次数过多，请 ${Math.ceil(worst.retryAfterSec / 60)} 分钟后再试，或手动填写`);
}

/**
 * Reads name and ID number from a photo of the 人像面 with our own ID-card recognition,
 * to fill the 实名认证 form. Nothing is stored: the person checks and submits the form.
 */
export async function readIdcardPhoto(
  engine: Pick<OcrEngine, "run">,
  image: Buffer,
): Promise<Result<{ realName: string; idNumber: string; idNumberOk: boolean }, PhotoFailure>> {
  if (image.length === 0) return err("unreadable", "请选择身份证人像面照片");
  if (image.length > MAX_PHOTO_BYTES) return err("too_large", "图片不能超过 10MB");
  try {
    const r = await engine.run("idcard", image);
    if (r.note !== "back") return err("wrong_side", "这是国徽面，请上传印有姓名和身份证号的人像面");
    const idNumber = r.detail.idn.trim().toUpperCase();
    if (!r.detail.name && !idNumber) return err("unreadable", "未能识别出姓名和身份证号，请换一张清晰、完整的照片，或手动填写");
    return ok({ realName: r.detail.name.trim(), idNumber, idNumberOk: idNumberProblem(idNumber) === null });
  } catch (e) {
    if (e instanceof EngineError) {
      if (e.kind === "busy") return err("busy", "识别服务繁忙，请稍后重试或手动填写");
      if (e.kind === "unsupported_format") return err("unreadable", "仅支持 png、jpg、jpeg、bmp 格式的图片");
      return err("unreadable", "未检测到身份证，请上传清晰、完整的人像面照片，或手动填写");
    }
    throw e;
  }
}
