import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto";
import { isValidIdn } from "@/lib/idcard/checksum";
import { err, ok, type Result } from "@/lib/result";

/**
 * 实名认证: a real name and an 18-character citizen ID number (GB 11643). Only the name, a
 * masked number, a sha-256 of the number and the time are kept — never the number itself.
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

export type VerifyFailure = "already_verified" | "invalid" | "id_in_use" | "not_found";

export async function verifyRealName(
  db: DbOrTx,
  userId: string,
  input: VerifyInput,
  now = new Date(),
): Promise<Result<{ realName: string; idNumberMasked: string }, VerifyFailure>> {
  const idn = input.idNumber.trim().toUpperCase();
  const problem = idNumberProblem(idn, now);
  if (problem) return err("invalid", problem, "idNumber");
  const hash = sha256Hex(idn);
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.idNumberHash, hash), ne(users.id, userId)));
  if (other) return err("id_in_use", "该身份证号已用于其他账户的实名认证", "idNumber");
  const masked = maskIdNumber(idn);
  const [u] = await db
    .update(users)
    .set({ realName: input.realName.trim(), idNumberMasked: masked, idNumberHash: hash, verifiedAt: now, updatedAt: now })
    .where(eq(users.id, userId))
    .returning({ verifiedAt: users.verifiedAt });
  if (!u) return err("not_found", "账户不存在");
  return ok({ realName: input.realName.trim(), idNumberMasked: masked });
}
