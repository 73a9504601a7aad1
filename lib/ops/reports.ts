import { and, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { API_KINDS, apps, callRollups, orders, users, type ApiKindColumn } from "@/db/schema";
import { mergeHistograms, percentileMs } from "@/lib/metering/histogram";
import { histSumJsonSql } from "@/lib/monitoring/series";
import { bucketLabel, bucketsFor, type RangeKey } from "./range";

/** Platform totals for the overview cards. */
export async function overview(db: DbOrTx) {
  const [acc] = await db
    .select({
      customers: sql<number>`count(*) filter (where ${users.role} = 'customer')::int`,
      operators: sql<number>`count(*) filter (where ${users.role} = 'operator')::int`,
      verified: sql<number>`count(*) filter (where ${users.verifiedAt} is not null)::int`,
    })
    .from(users);
  const [ap] = await db
    .select({
      active: sql<number>`count(*) filter (where ${apps.status} = 'active')::int`,
      disabled: sql<number>`count(*) filter (where ${apps.status} = 'disabled')::int`,
    })
    .from(apps)
    .where(sql`${apps.deletedAt} is null`);
  const [ord] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${orders.status} = '待支付')::int`,
      completed: sql<number>`count(*) filter (where ${orders.status} = '已完成')::int`,
      cancelled: sql<number>`count(*) filter (where ${orders.status} = '已取消')::int`,
      revenueFen: sql<number>`coalesce(sum(${orders.totalFen} - ${orders.voucherFen} - ${orders.couponFen}) filter (where ${orders.status} = '已完成'), 0)::bigint`.mapWith(Number),
    })
    .from(orders);
  return { accounts: acc!, apps: ap!, orders: ord! };
}

export interface RevenuePoint {
  label: string;
  start: string;
  /** paid after vouchers and coupons, fen */
  revenueFen: number;
  orders: number;
}

/** 收入: completed orders by the bucket of their payment time. */
export async function revenueSeries(db: DbOrTx, range: RangeKey, now = new Date()): Promise<{ points: RevenuePoint[]; totalFen: number; orders: number }> {
  const b = bucketsFor(range, now);
  const bucketExpr = sql<number>`floor((extract(epoch from ${orders.paidAt}) * 1000 - ${b.start.getTime()}) / ${b.bucketMs})::int`;
  const rows = await db
    .select({
      b: bucketExpr,
      revenueFen: sql<number>`sum(${orders.totalFen} - ${orders.voucherFen} - ${orders.couponFen})::bigint`.mapWith(Number),
      orders: count(),
    })
    .from(orders)
    .where(and(eq(orders.status, "已完成"), gte(orders.paidAt, b.start), lt(orders.paidAt, b.end)))
    .groupBy(sql`1`);
  const points = b.starts.map((s) => ({ label: bucketLabel(range, s), start: s.toISOString(), revenueFen: 0, orders: 0 }));
  for (const r of rows) {
    const p = points[r.b];
    if (p) {
      p.revenueFen += r.revenueFen;
      p.orders += r.orders;
    }
  }
  return { points, totalFen: points.reduce((s, p) => s + p.revenueFen, 0), orders: points.reduce((s, p) => s + p.orders, 0) };
}

export interface UsagePoint {
  label: string;
  start: string;
  general: number;
  idcard: number;
  plate: number;
  calls: number;
  failed: number;
  /** percent, null when there were no calls */
  errorRate: number | null;
  p95Ms: number | null;
}

export interface ApiUsage {
  api: ApiKindColumn;
  calls: number;
  failed: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface TopRow {
  id: string;
  name: string;
  email: string;
  calls: number;
  failed: number;
  errorRate: number | null;
}

const rate = (failed: number, calls: number) => (calls > 0 ? (failed / calls) * 100 : null);
const rounded = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * 平台用量 from call_rollups: calls per API per bucket, error rate and p95 latency per bucket
 * (histograms summed in SQL with lib/monitoring's histSumJsonSql, percentiles from lib/metering/histogram), totals per API,
 * and the busiest applications and accounts.
 */
export async function platformUsage(db: DbOrTx, range: RangeKey, now = new Date(), topN = 10) {
  const b = bucketsFor(range, now);
  const inRange = and(gte(callRollups.minute, b.start), lt(callRollups.minute, b.end));

  // One scan: calls, failures and the element-wise histogram sum per bucket and API.
  const rows = rowsOf<{ b: number; api: ApiKindColumn; calls: string | number; failed: string | number; hist: (string | number)[] }>(
    await db.execute(sql`
      select floor((extract(epoch from minute) * 1000 - ${b.start.getTime()}) / ${b.bucketMs})::int as b, api,
        sum(calls)::bigint as calls, sum(failed_calls)::bigint as failed, ${histSumJsonSql()} as hist
      from ${callRollups}
      where minute >= ${b.start.toISOString()}::timestamptz and minute < ${b.end.toISOString()}::timestamptz
      group by 1, 2`),
  );
  const perBucket = rows.map((r) => ({ b: Number(r.b), api: r.api, calls: Number(r.calls), failed: Number(r.failed), hist: r.hist.map(Number) }));

  const points: UsagePoint[] = b.starts.map((s) => ({
    label: bucketLabel(range, s),
    start: s.toISOString(),
    general: 0,
    idcard: 0,
    plate: 0,
    calls: 0,
    failed: 0,
    errorRate: null,
    p95Ms: null,
  }));
  for (const r of perBucket) {
    const p = points[r.b];
    if (!p) continue;
    p[r.api] += r.calls;
    p.calls += r.calls;
    p.failed += r.failed;
  }
  const bucketHists = points.map((_, i) => mergeHistograms(perBucket.filter((r) => r.b === i).map((r) => r.hist)));
  points.forEach((p, i) => {
    p.errorRate = rounded(rate(p.failed, p.calls));
    const q = percentileMs(bucketHists[i]!, 0.95);
    p.p95Ms = q === null ? null : Math.round(q);
  });

  const byApi: ApiUsage[] = API_KINDS.map((api) => {
    const hist = mergeHistograms(perBucket.filter((r) => r.api === api).map((r) => r.hist));
    const calls = perBucket.filter((r) => r.api === api).reduce((s, r) => s + r.calls, 0);
    const failed = perBucket.filter((r) => r.api === api).reduce((s, r) => s + r.failed, 0);
    const p50 = percentileMs(hist, 0.5);
    const p95 = percentileMs(hist, 0.95);
    return { api, calls, failed, errorRate: rounded(rate(failed, calls)), p50Ms: p50 === null ? null : Math.round(p50), p95Ms: p95 === null ? null : Math.round(p95) };
  });
  const allHist = mergeHistograms(bucketHists);
  const totalCalls = points.reduce((s, p) => s + p.calls, 0);
  const totalFailed = points.reduce((s, p) => s + p.failed, 0);
  const p95All = percentileMs(allHist, 0.95);

  const sumCalls = sql<number>`sum(${callRollups.calls})::int`;
  const sumFailed = sql<number>`sum(${callRollups.failedCalls})::int`;
  const topAppsRaw = await db
    .select({ id: callRollups.appId, name: apps.name, email: users.email, calls: sumCalls, failed: sumFailed })
    .from(callRollups)
    .leftJoin(apps, eq(apps.id, callRollups.appId))
    .leftJoin(users, eq(users.id, callRollups.userId))
    .where(inRange)
    .groupBy(callRollups.appId, apps.name, users.email)
    .orderBy(desc(sumCalls))
    .limit(topN);
  const topAccountsRaw = await db
    .select({ id: callRollups.userId, name: users.name, email: users.email, calls: sumCalls, failed: sumFailed })
    .from(callRollups)
    .leftJoin(users, eq(users.id, callRollups.userId))
    .where(inRange)
    .groupBy(callRollups.userId, users.name, users.email)
    .orderBy(desc(sumCalls))
    .limit(topN);
  const top = (r: { id: string; name: string | null; email: string | null; calls: number; failed: number }): TopRow => ({
    id: r.id,
    name: r.name ?? "—",
    email: r.email ?? "—",
    calls: r.calls,
    failed: r.failed,
    errorRate: rounded(rate(r.failed, r.calls)),
  });

  return {
    range,
    points,
    byApi,
    totals: { calls: totalCalls, failed: totalFailed, errorRate: rounded(rate(totalFailed, totalCalls)), p95Ms: p95All === null ? null : Math.round(p95All) },
    topApps: topAppsRaw.map(top),
    topAccounts: topAccountsRaw.map(top),
  };
}
export type PlatformUsage = Awaited<ReturnType<typeof platformUsage>>;

