import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { safeEqual } from "@/lib/crypto";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/mailer";
import { hashPassword } from "@/lib/passwords";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

/**
 * 忘记密码: a link with a token that is valid for 30 minutes and only once. The token is
 * userId.expiry.HMAC(AUTH_SECRET, userId|expiry|current password hash): nothing is stored,
 * and setting a new password changes the hash, so a used (or older) link stops working.
 */
export const RESET_TTL_MS = 30 * 60 * 1000;

export const forgotSchema = z.object({ email: z.string({ error: "请输入邮箱" }).trim().toLowerCase().pipe(z.email("请输入有效的邮箱")) });
export const resetSchema = z
  .object({
    token: z.string().min(10).max(300),
    password: z.string({ error: "请输入新密码" }).min(8, "密码至少 8 位").max(128, "密码不能超过 128 位"),
    confirm: z.string({ error: "请再次输入新密码" }),
  })
  .refine((v) => v.password === v.confirm, { message: "两次输入的密码不一致", path: ["confirm"] });

function mac(userId: string, expires: number, passwordHash: string): string {
  return crypto.createHmac("sha256", env().AUTH_SECRET).update(`reset|${userId}|${expires}|${passwordHash}`).digest("base64url");
}

export function resetToken(user: { id: string; passwordHash: string }, now = new Date()): string {
  const expires = now.getTime() + RESET_TTL_MS;
  return `${user.id}.${expires}.${mac(user.id, expires, user.passwordHash)}`;
}

/**
 * Mails a reset link when the address belongs to an account. The answer is the same either
 * way, so the form does not reveal which addresses are registered.
 */
export async function requestPasswordReset(db: DbOrTx, email: string, origin: string, now = new Date()): Promise<void> {
  const [u] = await db.select({ id: users.id, email: users.email, passwordHash: users.passwordHash, disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (!u || u.disabled) return;
  const link = `${origin}/reset-password?token=${encodeURIComponent(resetToken(u, now))}`;
  await sendMail({
    to: u.email,
    subject: "重置您的印刷文字识别 OCR 登录密码",
    text: `您好：\n\n请在 30 分钟内打开以下链接设置新密码（链接只能使用一次）：\n${link}\n\n如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。`,
  });
}

/** Sets the new password if the token is genuine, unexpired and unused; signs out every session. */
export async function resetPassword(db: DbOrTx, token: string, password: string, now = new Date()): Promise<Result<{ email: string }, "reset_link_invalid" | "reset_link_expired">> {
  const [userId, exp, sig] = token.split(".");
  const expires = Number(exp);
  if (!userId || !sig || !Number.isSafeInteger(expires)) return fail("reset_link_invalid");
  const [u] = await db.select({ id: users.id, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!u || !safeEqual(sig, mac(u.id, expires, u.passwordHash))) return fail("reset_link_invalid");
  if (expires <= now.getTime()) return fail("reset_link_expired");
  // guarded on the hash the token was made for: two concurrent uses cannot both succeed
  const done = await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(sql`${users.id} = ${u.id} and ${users.passwordHash} = ${u.passwordHash}`)
    .returning({ id: users.id });
  if (!done.length) return fail("reset_link_invalid");
  return ok({ email: u.email });
}
