import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, type App } from "@/db/schema";
import { err, ok, type Result } from "@/lib/result";

/**
 * 停用 / 启用 an application of `userId`. A disabled application's calls are refused by the
 * gateway (it checks apps.status); its keys, packs and service codes stay as they are.
 */
export async function setAppDisabled(
  db: DbOrTx,
  userId: string,
  appId: string,
  disabled: boolean,
  now = new Date(),
): Promise<Result<App, "not_found">> {
  const [app] = await db
    .update(apps)
    .set(
      disabled
        ? { status: "disabled", disabledReason: "用户停用", updatedAt: now }
        : { status: "active", disabledReason: null, updatedAt: now },
    )
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)))
    .returning();
  return app ? ok(app) : err("not_found", "应用不存在或已删除");
}

/**
 * Deletes an application of `userId` (soft: deleted_at is set, the row stays for orders and
 * metering). It disappears from the console, its calls are refused and its name is free again.
 */
export async function deleteApp(db: DbOrTx, userId: string, appId: string, now = new Date()): Promise<Result<true, "not_found">> {
  const [app] = await db
    .update(apps)
    .set({ deletedAt: now, status: "disabled", disabledReason: "用户删除", updatedAt: now })
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)))
    .returning({ id: apps.id });
  return app ? ok(true) : err("not_found", "应用不存在或已删除");
}
