import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, type App } from "@/db/schema";
import { env } from "@/lib/env";
import { ok, type Result } from "@/lib/result";
import { consoleMessage, fail } from "@/lib/console/errors";

/** The sentence the owner of an application the platform disabled reads, with whom to contact. */
export function operatorDisabledMessage(reason: string | null): string {
  return consoleMessage("operator_disabled", { reason: operatorReason(reason), contact: env().SUPPORT_CONTACT });
}

function operatorReason(reason: string | null): string | null {
  return reason?.startsWith(OPERATOR_DISABLED_PREFIX) ? reason.slice(OPERATOR_DISABLED_PREFIX.length) : reason;
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
): Promise<Result<App, "app_not_found" | "operator_disabled">> {
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
  return held ? fail("operator_disabled", { reason: operatorReason(held.reason), contact: env().SUPPORT_CONTACT }) : fail("app_not_found");
}

/**
 * Deletes an application of `userId` (soft: deleted_at is set, the row stays for orders and
 * metering). It disappears from the console, its calls are refused and its name is free again.
 */
export async function deleteApp(db: DbOrTx, userId: string, appId: string, now = new Date()): Promise<Result<true, "app_not_found">> {
  const [app] = await db
    .update(apps)
    .set({ deletedAt: now, status: "disabled", disabledReason: sql`case when ${apps.disabledBy} = 'operator' then ${apps.disabledReason} else '用户删除' end`, updatedAt: now })
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)))
    .returning({ id: apps.id });
  return app ? ok(true) : fail("app_not_found");
}
