import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { alertEvents, apps } from "@/db/schema";
import type { AlertLevel } from "./kinds";

/**
 * The console's notification list (the bell in the top bar): the account's latest alert
 * events, unread until the owner marks them read there. Reading is separate from 标记处理
 * (acknowledging in 应用告警): a read alert can still be open. Every query is scoped to the
 * signed-in account.
 */
export const NOTIFICATION_LIMIT = 8;

export interface Notification {
  id: string;
  appName: string;
  level: AlertLevel;
  message: string;
  openedAt: Date;
  read: boolean;
}

export async function listNotifications(db: DbOrTx, userId: string, limit = NOTIFICATION_LIMIT): Promise<{ items: Notification[]; unread: number }> {
  const rows = await db
    .select({ id: alertEvents.id, appName: apps.name, level: alertEvents.level, message: alertEvents.message, openedAt: alertEvents.openedAt, readAt: alertEvents.readAt })
    .from(alertEvents)
    .innerJoin(apps, eq(apps.id, alertEvents.appId))
    .where(eq(alertEvents.userId, userId))
    .orderBy(desc(alertEvents.openedAt), desc(alertEvents.id))
    .limit(limit);
  const [u] = await db
    .select({ n: count() })
    .from(alertEvents)
    .where(and(eq(alertEvents.userId, userId), isNull(alertEvents.readAt)));
  return {
    items: rows.map(({ readAt, ...r }) => ({ ...r, read: readAt !== null })),
    unread: u?.n ?? 0,
  };
}

/** Marks the account's notifications read: the given ones, or all of them. Returns how many changed. */
export async function markNotificationsRead(db: DbOrTx, userId: string, ids: readonly string[] | "all", now = new Date()): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  const rows = await db
    .update(alertEvents)
    .set({ readAt: now })
    .where(and(eq(alertEvents.userId, userId), isNull(alertEvents.readAt), ids === "all" ? undefined : inArray(alertEvents.id, [...ids])))
    .returning({ id: alertEvents.id });
  return rows.length;
}
