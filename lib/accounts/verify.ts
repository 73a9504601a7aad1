import { and, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { isValidIdn } from "@/lib/idcard/checksum";
import { takeAttempt } from "@/lib/ratelimit/attempts";
import { idFingerprint, isUniqueViolation } from "./fingerprint";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

/**
 * 实名认证: a real name and an 18-character citizen ID number (GB 11643). Only the name, a
 * masked number, a keyed fingerprint of the number (./fingerprint.ts, unique: one account per
 * number) and the time are kept — never the number itself.
 */

/** Why an ID number is refused, or null when it is well-formed with a plausible birth date and a good check digit. */
export function idNumberProblem(raw: string, now = new Date()): string | null {
  const idn = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idn)) return "身份证号应为 18 位：17 位数字加 1 位数字或 X";
  const y = Number(idn.slice(6, 10));
  const m = Number(idn.slice(10, 12));
  const d = Number(idn.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const real = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!real || y < 1900 || birth.getTime() > now.getTime()) return "身份证号中的出生日期无效";
  if (!isValidIdn(idn)) return "身份证号校验位不正确，请核对后重新输入";
  return null;
}

/** 110***********1234 */
export function maskIdNumber(idn: string): string {
  return idn.slice(0, 3) + "*".repeat(11) + idn.slice(-4);
}

export const verifySchema = z.object({
  realName: z
    .string({ message: "请输入真实姓名" })
    .trim()
    .min(2, "请输入身份证上的姓名")
    .max(30, "姓名不能超过 30 个字符")
    .regex(/^[\p{Script=Han}·•A-Za-z\s]+$/u, "姓名只能包含汉字、字母与间隔号"),
  idNumber: z
    .string({ message: "请输入身份证号" })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const problem = idNumberProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});
export type VerifyInput = z.infer<typeof verifySchema>;

export type VerifyFailure = "already_verified" | "id_number_invalid" | "id_in_use" | "account_not_found" | "verify_throttled";

/** Verification attempts per account (each one is a guess at a name and number pair). */
export const VERIFY_ATTEMPTS = { max: 5, windowMs: 60 * 60 * 1000 };

export async function verifyRealName(
  db: DbOrTx,
  userId: string,
  input: VerifyInput,
  now = new Date(),
): Promise<Result<{ realName: string; idNumberMasked: string }, VerifyFailure>> {
  const tries = await takeAttempt(db, `verify:user:${userId}`, VERIFY_ATTEMPTS, now);
  if (!tries.allowed) return fail("verify_throttled", tries);
  const idn = input.idNumber.trim().toUpperCase();
  const problem = idNumberProblem(idn, now);
  if (problem) return fail("id_number_invalid", { problem });
  const fp = idFingerprint(idn);
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.idFingerprint, fp), ne(users.id, userId)));
  if (other) return inUse();
  const masked = maskIdNumber(idn);
  let updated: { verifiedAt: Date | null }[];
  try {
    updated = await db
      .update(users)
      .set({ realName: input.realName.trim(), idNumberMasked: masked, idFingerprint: fp, idNumberHash: null, verifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), isNull(users.verifiedAt)))
      .returning({ verifiedAt: users.verifiedAt });
  } catch (e) {
    if (isUniqueViolation(e)) return inUse(); // another account claimed the number in the meantime
    throw e;
  }
  if (!updated[0]) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
    return u ? fail("already_verified") : fail("account_not_found");
  }
  return ok({ realName: input.realName.trim(), idNumberMasked: masked });
}

const inUse = () => fail("id_in_use");
