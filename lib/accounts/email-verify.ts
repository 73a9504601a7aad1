import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { safeEqual } from "@/lib/crypto";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail/mailer";
import { takeAttempt } from "@/lib/ratelimit/attempts";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

/**
 * 邮箱验证: sign-up mails a link valid for 24 hours. The token is
 * userId.expiry.HMAC(AUTH_SECRET, verify|userId|expiry|email) — nothing is stored, a link
 * made for another address (or another account) does not verify this one, and once the
 * address is verified the link has done its only job (opening it again just says so).
 *
 * What an unverified account may do: everything — console, applications, orders, API calls.
 * The console shows 邮箱未验证 with 重新发送 until the link is opened. (Password reset mails go
 * to the same address, so verifying is how an owner knows that recovery will reach them.)
 */
export const VERIFY_TTL_MS = 24 * 3600 * 1000;
/** 重新发送 at most this often per account. */
export const RESEND_LIMIT = { max: 5, windowMs: 3600_000 };

export type VerifyError = "verify_link_invalid" | "verify_link_expired" | "verify_mail_throttled";

function mac(userId: string, expires: number, email: string): string {
  return crypto.createHmac("sha256", env().AUTH_SECRET).update(`verify|${userId}|${expires}|${email}`).digest("base64url");
}

export function verificationToken(user: { id: string; email: string }, now = new Date()): string {
  const expires = now.getTime() + VERIFY_TTL_MS;
  return `${user.id}.${expires}.${mac(user.id, expires, user.email)}`;
}

export function verificationLink(user: { id: string; email: string }, origin: string, now = new Date()): string {
  return `${origin}/verify-email?token=${encodeURIComponent(verificationToken(user, now))}`;
}

/** Mails the verification link (sign-up and 重新发送). Nothing is sent to a verified address. */
export async function sendVerificationMail(
  db: DbOrTx,
  userId: string,
  origin: string,
  now = new Date(),
): Promise<Result<{ email: string; delivered: boolean }, "verify_link_invalid" | "verify_mail_throttled" | "email_already_verified">> {
  const [u] = await db.select({ id: users.id, email: users.email, at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  if (!u) return fail("verify_link_invalid");
  if (u.at) return fail("email_already_verified");
  const slot = await takeAttempt(db, `verify-mail:${u.id}`, RESEND_LIMIT, now);
  if (!slot.allowed) return fail("verify_mail_throttled", slot);
  const link = verificationLink(u, origin, now);
  const sent = await sendMail({
    to: u.email,
    subject: "验证您在印刷文字识别 OCR 注册的邮箱",
    text: `您好：\n\n感谢注册印刷文字识别 OCR。请在 24 小时内打开以下链接，确认 ${u.email} 是您的邮箱：\n${link}\n\n验证后，忘记密码时的重置邮件将发到这个地址。如果您没有注册过，请忽略本邮件。`,
  });
  return ok({ email: u.email, delivered: sent.delivered });
}

/**
 * Marks the address verified if the token is genuine, unexpired and made for the account's
 * current address. `alreadyVerified` when the link (or another one) was used before.
 */
export async function verifyEmail(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<Result<{ email: string; alreadyVerified: boolean }, "verify_link_invalid" | "verify_link_expired">> {
  const [userId, exp, sig] = token.split(".");
  const expires = Number(exp);
  if (!userId || !sig || !Number.isSafeInteger(expires)) return fail("verify_link_invalid");
  const [u] = await db.select({ id: users.id, email: users.email, at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  if (!u || !safeEqual(sig, mac(u.id, expires, u.email))) return fail("verify_link_invalid");
  if (u.at) return ok({ email: u.email, alreadyVerified: true });
  if (expires <= now.getTime()) return fail("verify_link_expired");
  const done = await db
    .update(users)
    .set({ emailVerifiedAt: now, updatedAt: now })
    .where(and(eq(users.id, u.id), eq(users.email, u.email), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  return ok({ email: u.email, alreadyVerified: done.length === 0 });
}
