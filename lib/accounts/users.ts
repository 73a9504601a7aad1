import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users, type User } from "@/db/schema";
import { env } from "@/lib/env";
import { newId } from "@/lib/id";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { ok, type Result } from "@/lib/result";
import { consoleMessage, fail } from "@/lib/console/errors";
import { clearAttempts, refundAttempt, takeAttempt, takeSignInSlot } from "@/lib/ratelimit/attempts";
import type { LoginInput, RegisterInput } from "./schemas";

export type PublicUser = Pick<User, "id" | "email" | "name" | "role" | "sessionVersion">;

const toPublic = (u: User): PublicUser => ({ id: u.id, email: u.email, name: u.name, role: u.role, sessionVersion: u.sessionVersion });

/**
 * A session (JWT) stays valid while its account is not suspended and was signed in since the
 * last password change: the token carries users.session_version as it was at sign-in.
 */
export function isSessionValid(user: Pick<User, "disabled" | "sessionVersion">, tokenVersion: unknown): boolean {
  return !user.disabled && (tokenVersion ?? 0) === user.sessionVersion;
}

export async function findUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function registerUser(
  db: DbOrTx,
  input: RegisterInput,
  role: "customer" | "operator" = "customer",
): Promise<Result<PublicUser, "email_taken">> {
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(users)
    .values({
      id: newId("usr"),
      email: input.email,
      passwordHash,
      name: input.name || input.email.split("@")[0],
      role,
      ...(input.termsVersion ? { termsVersion: input.termsVersion, termsAcceptedAt: new Date() } : {}),
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const u = rows[0];
  if (!u) return fail("email_taken");
  return ok(toPublic(u));
}

/**
 * Counts a registration from `clientAddress`; an error to show when the address registered
 * more than REGISTRATIONS_PER_HOUR (default 10) accounts in the hour.
 */
export async function admitRegistration(
  db: DbOrTx,
  clientAddress: string | null,
  now = new Date(),
  perHour = env().REGISTRATIONS_PER_HOUR,
): Promise<Result<true, "register_throttled">> {
  const r = await takeAttempt(db, `register:ip:${clientAddress ?? "unknown"}`, { max: perHour, windowMs: 3600_000 }, now);
  return r.allowed ? ok(true) : fail("register_throttled", r);
}

export type AuthFailure = "invalid" | "throttled" | "disabled";

/** Sign-in attempts one client address may make in the window, whatever the accounts. */
export const SIGNIN_PER_ADDRESS = { max: 30, windowMs: 15 * 60 * 1000 };

/** A real argon2id hash of nothing anyone knows: unknown e-mails cost the same time as known ones. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

/**
 * Checks an email and password.
 *  - per client address (lib/net/client-address.ts): at most SIGNIN_PER_ADDRESS attempts per
 *    window; a successful sign-in gives its attempt back;
 *  - per account: a slow-down that grows with failures (lib/ratelimit/attempts.ts), never a lock;
 *    a successful sign-in clears it;
 *  - an unknown e-mail is checked against a dummy hash, so timing does not tell it apart.
 * `throttled` carries the wait in seconds as its field.
 */
export async function authenticate(
  db: DbOrTx,
  input: LoginInput,
  clientAddress: string | null,
  now = new Date(),
  perAddress = SIGNIN_PER_ADDRESS,
): Promise<Result<PublicUser, AuthFailure>> {
  const ipKey = clientAddress ? `signin:ip:${clientAddress}` : null;
  if (ipKey) {
    const byIp = await takeAttempt(db, ipKey, perAddress, now);
    if (!byIp.allowed) return throttled(byIp.retryAfterSec);
  }
  const accountKey = `signin:email:${input.email}`;
  const slot = await takeSignInSlot(db, accountKey, now);
  if (!slot.allowed) return throttled(slot.retryAfterSec);
  const [u] = await db.select().from(users).where(eq(users.email, input.email));
  const good = await verifyPassword(u?.passwordHash ?? (await dummy()), input.password);
  if (!u || !good) return fail("invalid");
  await clearAttempts(db, accountKey);
  if (ipKey) await refundAttempt(db, ipKey);
  if (u.disabled) return fail("disabled", { reason: u.disabledReason, contact: env().SUPPORT_CONTACT });
  return ok(toPublic(u));
}

function throttled(seconds: number) {
  return fail("throttled", { retryAfterSec: seconds });
}

/** What a suspended account's owner is told (sign-in form and console). */
export function disabledMessage(reason: string | null): string {
  return consoleMessage("disabled", { reason, contact: env().SUPPORT_CONTACT });
}

export async function changePassword(
  db: DbOrTx,
  userId: string,
  current: string,
  next: string,
): Promise<Result<true, "current_password_wrong">> {
  const u = await findUserById(db, userId);
  if (!u || !(await verifyPassword(u.passwordHash, current))) {
    return fail("current_password_wrong");
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(next), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
  return ok(true);
}

/** Re-checks a signed-in user's password (before revealing a secret). */
export async function confirmPassword(db: DbOrTx, userId: string, password: string): Promise<boolean> {
  const u = await findUserById(db, userId);
  return !!u && (await verifyPassword(u.passwordHash, password));
}
