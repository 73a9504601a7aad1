import { and, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { API_KINDS, apps, callRollups, orders, users, type ApiKindColumn } from "@/db/schema";
import { mergeHistograms, percentileMs } from "@/lib/metering/histogram";
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
 * (histograms merged in SQL, percentile read with lib/metering/histogram), totals per API,
 * and the busiest applications and accounts.
 */
export async function platformUsage(db: DbOrTx, range: RangeKey, now = new Date(), topN = 10) {
  const b = bucketsFor(range, now);
  const inRange = and(gte(callRollups.minute, b.start), lt(callRollups.minute, b.end));
  const bucketExpr = sql<number>`floor((extract(epoch from ${callRollups.minute}) * 1000 - ${b.start.getTime()}) / ${b.bucketMs})::int`;

  const perBucket = await db
    .select({
      b: bucketExpr,
      api: callRollups.api,
      calls: sql<number>`sum(${callRollups.calls})::int`,
      failed: sql<number>`sum(${callRollups.failedCalls})::int`,
    })
    .from(callRollups)
    .where(inRange)
    .groupBy(sql`1`, callRollups.api);

  // Element-wise histogram sums, per bucket and per API, without shipping every minute's array.
  const histBucket = rowsOf<{ b: number; i: number; n: string | number }>(
    await db.execute(sql`
      select floor((extract(epoch from r.minute) * 1000 - ${b.start.getTime()}) / ${b.bucketMs})::int as b, h.i::int as i, sum(h.n)::bigint as n
      from ${callRollups} r, unnest(r.lat_hist) with ordinality as h(n, i)
      where r.minute >= ${b.start.toISOString()}::timestamptz and r.minute < ${b.end.toISOString()}::timestamptz
      group by 1, 2`),
  );
  const histApi = rowsOf<{ api: ApiKindColumn; i: number; n: string | number }>(
    await db.execute(sql`
      select r.api as api, h.i::int as i, sum(h.n)::bigint as n
      from ${callRollups} r, unnest(r.lat_hist) with ordinality as h(n, i)
      where r.minute >= ${b.start.toISOString()}::timestamptz and r.minute < ${b.end.toISOString()}::timestamptz
      group by 1, 2`),
  );

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
  const bucketHists = points.map(() => mergeHistograms([]));
  for (const r of histBucket) {
    const h = bucketHists[r.b];
    if (h && r.i >= 1 && r.i <= h.length) h[r.i - 1]! += Number(r.n);
  }
  points.forEach((p, i) => {
    p.errorRate = rounded(rate(p.failed, p.calls));
    const q = percentileMs(bucketHists[i]!, 0.95);
    p.p95Ms = q === null ? null : Math.round(q);
  });

  const byApi: ApiUsage[] = API_KINDS.map((api) => {
    const hist = mergeHistograms([]);
    for (const r of histApi) if (r.api === api && r.i >= 1 && r.i <= hist.length) hist[r.i - 1]! += Number(r.n);
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

