/** The 应用告警 events list and acknowledgement (owner-scoped). */
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { alertEvents, apps, type AlertEvent } from "@/db/schema";

export type EventStatusFilter = "" | "未处理" | "已处理";

export async function listEvents(
  db: DbOrTx,
  userId: string,
  f: { status?: EventStatusFilter; appId?: string; limit?: number } = {},
): Promise<(AlertEvent & { appName: string })[]> {
  const conds: SQL[] = [eq(alertEvents.userId, userId)];
  if (f.status) conds.push(eq(alertEvents.status, f.status));
  if (f.appId) conds.push(eq(alertEvents.appId, f.appId));
  const rows = await db
    .select({ ev: alertEvents, appName: apps.name })
    .from(alertEvents)
    .innerJoin(apps, eq(apps.id, alertEvents.appId))
    .where(and(...conds))
    .orderBy(desc(alertEvents.openedAt), desc(alertEvents.id))
    .limit(f.limit ?? 100);
  return rows.map((r) => ({ ...r.ev, appName: r.appName }));
}

/** Marks one event of `userId` as 已处理; false when it is not theirs or already handled. */
export async function acknowledge(db: DbOrTx, userId: string, eventId: string, now: Date = new Date()): Promise<boolean> {
  const rows = await db
    .update(alertEvents)
    .set({ status: "已处理", ackedAt: now })
    .where(and(eq(alertEvents.id, eventId), eq(alertEvents.userId, userId), eq(alertEvents.status, "未处理")))
    .returning({ id: alertEvents.id });
  return rows.length === 1;
}

/** Marks every open event of `userId` as 已处理. */
export async function acknowledgeAll(db: DbOrTx, userId: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(alertEvents)
    .set({ status: "已处理", ackedAt: now })
    .where(and(eq(alertEvents.userId, userId), eq(alertEvents.status, "未处理")))
    .returning({ id: alertEvents.id });
  return rows.length;
}

