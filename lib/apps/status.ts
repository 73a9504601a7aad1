import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, type App } from "@/db/schema";
import { env } from "@/lib/env";
import { err, ok, type Result } from "@/lib/result";

/** The sentence the owner of an application the platform disabled reads, with whom to contact. */
export function operatorDisabledMessage(reason: string | null): string {
  const why = reason?.startsWith(OPERATOR_DISABLED_PREFIX) ? reason.slice(OPERATOR_DISABLED_PREFIX.length) : reason;
  return `该应用已被平台停用${why ? `（原因：${why}）` : ""}，所有接口调用都会被拒绝，您不能自行启用。如有疑问请联系${env().SUPPORT_CONTACT}。`;
}

export const OPERATOR_DISABLED_PREFIX = "运营停用：";

/**
 * 停用 / 启用 an application of `userId`. A disabled application's calls are refused by the
 * gateway (it checks apps.status); its keys, packs and service codes stay as they are.
 * An application the platform disabled (disabled_by = 'operator') stays disabled: only an
 * operator lifts that (lib/ops/apps-admin.ts).
 */
export async function setAppDisabled(
  db: DbOrTx,
  userId: string,
  appId: string,
  disabled: boolean,
  now = new Date(),
): Promise<Result<App, "not_found" | "operator_disabled">> {
  const [app] = await db
    .update(apps)
    .set(
      disabled
        ? { status: "disabled", disabledReason: "用户停用", disabledBy: "user", updatedAt: now }
        : { status: "active", disabledReason: null, disabledBy: null, updatedAt: now },
    )
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt), or(isNull(apps.disabledBy), ne(apps.disabledBy, "operator"))))
    .returning();
  if (app) return ok(app);
  const [held] = await db
    .select({ reason: apps.disabledReason })
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt), eq(apps.disabledBy, "operator")));
  return held ? err("operator_disabled", operatorDisabledMessage(held.reason)) : err("not_found", "应用不存在或已删除");
}

/**
 * Deletes an application of `userId` (soft: deleted_at is set, the row stays for orders and
 * metering). It disappears from the console, its calls are refused and its name is free again.
 */
export async function deleteApp(db: DbOrTx, userId: string, appId: string, now = new Date()): Promise<Result<true, "not_found">> {
  const [app] = await db
    .update(apps)
    .set({ deletedAt: now, status: "disabled", disabledReason: sql`case when ${apps.disabledBy} = 'operator' then ${apps.disabledReason} else '用户删除' end`, updatedAt: now })
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)))
    .returning({ id: apps.id });
  return app ? ok(true) : err("not_found", "应用不存在或已删除");
}
