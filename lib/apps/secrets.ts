import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, type App } from "@/db/schema";
import { confirmPassword } from "@/lib/accounts/users";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { newAppSecret } from "@/lib/id";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { getApp } from "./queries";

/**
 * The AppSecrets that sign valid requests for `app` at `now`: the current one first, then the
 * previous one while its grace period after a rotation lasts. The gateway checks a Sign against each.
 */
export function appSecretsFor(app: Pick<App, "secretEnc" | "prevSecretEnc" | "prevSecretExpiresAt">, now: Date): string[] {
  const out = [decryptSecret(app.secretEnc)];
  if (app.prevSecretEnc && app.prevSecretExpiresAt && app.prevSecretExpiresAt.getTime() > now.getTime()) {
    out.push(decryptSecret(app.prevSecretEnc));
  }
  return out;
}

export type SecretFailure = "app_not_found" | "wrong_password";

const notFound = () => fail("app_not_found");
const wrongPassword = () => fail("wrong_password");

/** The AppSecret in clear, for its owner after re-entering the account password. */
export async function revealSecret(
  db: DbOrTx,
  userId: string,
  appId: string,
  password: string,
): Promise<Result<{ secret: string }, SecretFailure>> {
  const app = await getApp(db, userId, appId);
  if (!app) return notFound();
  if (!(await confirmPassword(db, userId, password))) return wrongPassword();
  return ok({ secret: decryptSecret(app.secretEnc) });
}

/**
 * Replaces the AppSecret (after re-entering the password). The old secret keeps signing
 * until `now + graceHours` (SECRET_GRACE_HOURS, default 24), then is refused.
 */
export async function rotateSecret(
  db: DbOrTx,
  userId: string,
  appId: string,
  password: string,
  opts: { now?: Date; graceHours?: number } = {},
): Promise<Result<{ secret: string; previousValidUntil: Date }, SecretFailure>> {
  const now = opts.now ?? new Date();
  const graceHours = opts.graceHours ?? env().SECRET_GRACE_HOURS;
  const app = await getApp(db, userId, appId);
  if (!app) return notFound();
  if (!(await confirmPassword(db, userId, password))) return wrongPassword();
  const secret = newAppSecret();
  const previousValidUntil = new Date(now.getTime() + graceHours * 3600_000);
  const [updated] = await db
    .update(apps)
    .set({ secretEnc: encryptSecret(secret), prevSecretEnc: app.secretEnc, prevSecretExpiresAt: previousValidUntil, updatedAt: now })
    .where(and(eq(apps.id, app.id), eq(apps.userId, userId), isNull(apps.deletedAt)))
    .returning({ id: apps.id });
  if (!updated) return notFound();
  return ok({ secret, previousValidUntil });
}
