import { and, count, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, quotaPacks, users } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { OPERATOR_DISABLED_PREFIX } from "@/lib/apps/status";
import { writeAudit } from "./audit";
import type { RevokePrevSecretInput, SetAppStatusInput, SetRateLimitInput } from "./schemas";

export const APPS_PAGE_SIZE = 20;

export interface AdminAppRow {
  id: string;
  name: string;
  appKey: string;
  status: "active" | "disabled";
  disabledReason: string | null;
  rateLimitPerSec: number;
  createdAt: Date;
  deletedAt: Date | null;
  /** a rotated AppSecret still accepted until then (null: none) */
  prevSecretExpiresAt: Date | null;
  disabledBy: "user" | "operator" | null;
  userId: string;
  ownerEmail: string;
  activePacks: number;
}

const cols = {
  id: apps.id,
  name: apps.name,
  appKey: apps.appKey,
  status: apps.status,
  disabledReason: apps.disabledReason,
  rateLimitPerSec: apps.rateLimitPerSec,
  createdAt: apps.createdAt,
  deletedAt: apps.deletedAt,
  prevSecretExpiresAt: apps.prevSecretExpiresAt,
  disabledBy: apps.disabledBy,
  userId: apps.userId,
  ownerEmail: users.email,
  activePacks: sql<number>`(select count(*)::int from ${quotaPacks} where ${quotaPacks.appId} = ${apps.id} and ${quotaPacks.status} = 'active' and ${quotaPacks.expiresAt} > now())`,
};

/** 应用 across all tenants (deleted ones included, marked), newest first; q searches name, AppKey, id and owner email. */
export async function listApps(
  db: DbOrTx,
  f: { q?: string; status?: "active" | "disabled"; userId?: string; page?: number } = {},
): Promise<{ rows: AdminAppRow[]; total: number; pages: number }> {
  const where: SQL[] = [];
  if (f.q) {
    const pat = `%${f.q}%`;
    where.push(or(ilike(apps.name, pat), ilike(apps.appKey, pat), eq(apps.id, f.q), ilike(users.email, pat))!);
  }
  if (f.status) where.push(eq(apps.status, f.status));
  if (f.userId) where.push(eq(apps.userId, f.userId));
  const cond = where.length ? and(...where) : undefined;
  const page = Math.max(1, f.page ?? 1);
  const [{ n }] = await db.select({ n: count() }).from(apps).innerJoin(users, eq(users.id, apps.userId)).where(cond);
  const rows = await db
    .select(cols)
    .from(apps)
    .innerJoin(users, eq(users.id, apps.userId))
    .where(cond)
    .orderBy(desc(apps.createdAt), desc(apps.id))
    .limit(APPS_PAGE_SIZE)
    .offset((page - 1) * APPS_PAGE_SIZE);
  return { rows, total: n, pages: Math.max(1, Math.ceil(n / APPS_PAGE_SIZE)) };
}

export async function getAppAdmin(db: DbOrTx, appId: string): Promise<AdminAppRow | null> {
  const [row] = await db.select(cols).from(apps).innerJoin(users, eq(users.id, apps.userId)).where(eq(apps.id, appId));
  return row ?? null;
}

/** Sets an application's calls-per-second limit (the gateway reads apps.rate_limit_per_sec), audited. */
export async function setRateLimit(
  db: DbOrTx,
  actorId: string,
  input: SetRateLimitInput,
  now = new Date(),
): Promise<Result<{ before: number; after: number }, "app_not_found">> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(apps).where(eq(apps.id, input.appId)).for("update");
    if (!app) return fail("app_not_found");
    if (app.rateLimitPerSec === input.ratePerSec) return ok({ before: app.rateLimitPerSec, after: input.ratePerSec });
    await tx.update(apps).set({ rateLimitPerSec: input.ratePerSec, updatedAt: now }).where(eq(apps.id, app.id));
    await writeAudit(tx, {
      actorId,
      action: "app.rate_limit",
      targetType: "app",
      targetId: app.id,
      before: { rateLimitPerSec: app.rateLimitPerSec },
      after: { rateLimitPerSec: input.ratePerSec },
    });
    return ok({ before: app.rateLimitPerSec, after: input.ratePerSec });
  });
}

export { OPERATOR_DISABLED_PREFIX };

/**
 * 停用 / 启用 an application for the platform: a disabled application's calls are refused by
 * the gateway and its owner cannot enable it again (apps.disabled_by = 'operator'). An
 * operator may also take over an application its owner disabled. Guarded on the current status, so a second click changes nothing; a deleted
 * application cannot be re-enabled.
 */
export async function setAppStatus(
  db: DbOrTx,
  actorId: string,
  input: SetAppStatusInput,
  now = new Date(),
): Promise<Result<{ status: "active" | "disabled" }, "app_not_found" | "app_already_disabled" | "app_already_active" | "app_deleted">> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(apps).where(eq(apps.id, input.appId)).for("update");
    if (!app) return fail("app_not_found");
    if (input.status === "active" && app.deletedAt) return fail("app_deleted");
    const takeOver = input.status === "disabled" && app.status === "disabled" && app.disabledBy !== "operator";
    if (app.status === input.status && !takeOver) return (input.status === "disabled" ? fail("app_already_disabled") : fail("app_already_active"));
    const disabledReason = input.status === "disabled" ? `${OPERATOR_DISABLED_PREFIX}${input.reason}` : null;
    await tx
      .update(apps)
      .set({ status: input.status, disabledReason, disabledBy: input.status === "disabled" ? "operator" : null, updatedAt: now })
      .where(and(eq(apps.id, app.id), eq(apps.status, app.status), isNull(apps.deletedAt)));
    await writeAudit(tx, {
      actorId,
      action: input.status === "disabled" ? "app.disable" : "app.enable",
      targetType: "app",
      targetId: app.id,
      before: { status: app.status, disabledReason: app.disabledReason },
      after: { status: input.status, disabledReason },
      reason: input.reason,
    });
    return ok({ status: input.status });
  });
}

/**
 * 立即作废旧密钥: a rotated AppSecret normally keeps signing for SECRET_GRACE_HOURS; when it
 * leaked, an operator ends that grace at once (the gateway reads the app row on every call).
 */
export async function revokePrevSecret(
  db: DbOrTx,
  actorId: string,
  input: RevokePrevSecretInput,
  now = new Date(),
): Promise<Result<true, "app_not_found" | "no_previous_secret">> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(apps).where(eq(apps.id, input.appId)).for("update");
    if (!app) return fail("app_not_found");
    if (!app.prevSecretEnc || !app.prevSecretExpiresAt || app.prevSecretExpiresAt <= now) return fail("no_previous_secret");
    await tx.update(apps).set({ prevSecretEnc: null, prevSecretExpiresAt: null, updatedAt: now }).where(eq(apps.id, app.id));
    await writeAudit(tx, {
      actorId,
      action: "app.revoke_prev_secret",
      targetType: "app",
      targetId: app.id,
      before: { prevSecretExpiresAt: app.prevSecretExpiresAt },
      after: { prevSecretExpiresAt: null },
      reason: input.reason,
    });
    return ok(true);
  });
}
