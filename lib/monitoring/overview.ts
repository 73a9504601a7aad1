/**
 * The console home: every application of a customer at a glance — calls left per API,
 * today's calls and failures (since Shanghai midnight) and open alerts.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { apps, type ApiKindColumn } from "@/db/schema";
import { remainingByApi } from "@/lib/quota/remaining";
import { shanghaiDayStart } from "./range";

export interface AppOverview {
  id: string;
  name: string;
  status: "active" | "disabled";
  left: Record<ApiKindColumn, number>;
  /** APIs that have had a pack (the others are 未开通) */
  opened: ApiKindColumn[];
  callsToday: number;
  failedToday: number;
  openAlerts: number;
}

export async function getOverview(db: DbOrTx, userId: string, now: Date): Promise<AppOverview[]> {
  const list = await db
    .select({ id: apps.id, name: apps.name, status: apps.status })
    .from(apps)
    .where(and(eq(apps.userId, userId), isNull(apps.deletedAt)))
    .orderBy(desc(apps.createdAt));
  if (list.length === 0) return [];
  const today = rowsOf<{ app_id: string; calls: string | number; failed: string | number }>(
    await db.execute(sql`select app_id, sum(calls)::bigint as calls, sum(failed_calls)::bigint as failed from call_rollups
      where user_id = ${userId} and minute >= ${shanghaiDayStart(now).toISOString()}::timestamptz group by app_id`),
  );
  const alerts = rowsOf<{ app_id: string; n: string | number }>(
    await db.execute(sql`select app_id, count(*)::int as n from alert_events where user_id = ${userId} and status = '未处理' group by app_id`),
  );
  const opened = rowsOf<{ app_id: string; api: ApiKindColumn }>(
    await db.execute(sql`select distinct p.app_id, p.api from quota_packs p join apps a on a.id = p.app_id where a.user_id = ${userId} and p.status = 'active'`),
  );
  const lefts = await Promise.all(list.map((a) => remainingByApi(db, a.id, now)));
  return list.map((a, i) => {
    const t = today.find((r) => r.app_id === a.id);
    return {
      ...a,
      left: lefts[i]!,
      opened: opened.filter((o) => o.app_id === a.id).map((o) => o.api),
      callsToday: Number(t?.calls ?? 0),
      failedToday: Number(t?.failed ?? 0),
      openAlerts: Number(alerts.find((r) => r.app_id === a.id)?.n ?? 0),
    };
  });
}
