/**
 * Chart data for 应用监控: per-bucket calls (ok/failed), p50/p95 latency and traffic
 * for one customer, optionally one application and one API, read from call_rollups
 * (never from calls) and aggregated in SQL with date_bin, so a range costs one scan of
 * at most 30 days × 1440 minutes per application and API.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import type { ApiKindColumn } from "@/db/schema";
import { HISTOGRAM_LENGTH, mergeHistograms, percentileMs } from "@/lib/metering/histogram";
import { rollupSource } from "./compact";
import { BUCKET_ORIGIN, windowFor, type RangeKey } from "./range";

export interface MetricsFilter {
  userId: string;
  appId?: string | null;
  api?: ApiKindColumn | null;
  range: RangeKey;
  now: Date;
}

export interface MetricsPoint {
  /** bucket start, ms since epoch (charts format it in Asia/Shanghai) */
  t: number;
  calls: number;
  ok: number;
  failed: number;
  imagesOk: number;
  imagesFailed: number;
  bytesIn: number;
  bytesOut: number;
  /** null when the bucket has no calls */
  p50: number | null;
  p95: number | null;
  avgMs: number | null;
}

export interface MetricsTotals {
  calls: number;
  ok: number;
  failed: number;
  imagesOk: number;
  imagesFailed: number;
  signFailures: number;
  bytesIn: number;
  bytesOut: number;
  p50: number | null;
  p95: number | null;
  avgMs: number | null;
  /** failed / calls, 0..1 (null without calls) */
  errorRate: number | null;
}

export interface Metrics {
  range: RangeKey;
  from: number;
  to: number;
  bucketMs: number;
  points: MetricsPoint[];
  totals: MetricsTotals;
}

/** array[sum(lat_hist[1]), …, sum(lat_hist[n])]: the element-wise sum of the histograms. */
export function histSumSql(): SQL {
  const parts = Array.from({ length: HISTOGRAM_LENGTH }, (_, i) => sql.raw(`coalesce(sum(lat_hist[${i + 1}]), 0)`));
  return sql`array[${sql.join(parts, sql`, `)}]::bigint[]`;
}

/**
 * histSumSql() for a raw select's result: as a JSON array, which both drivers parse to numbers.
 * (postgres.js parses array columns only with fetch_types, which db/index.ts turns off.)
 */
export function histSumJsonSql(): SQL {
  return sql`array_to_json(${histSumSql()})`;
}

interface Row {
  b: Date | string;
  calls: string | number;
  failed: string | number;
  images_ok: string | number;
  images_failed: string | number;
  sign_failures: string | number;
  bytes_in: string | number;
  bytes_out: string | number;
  lat_sum: string | number;
  hist: (string | number)[];
}

export async function getMetrics(db: DbOrTx, f: MetricsFilter): Promise<Metrics> {
  const w = windowFor(f.range, f.now);
  const rows = rowsOf<Row>(
    await db.execute(sql`select date_bin(${`${w.bucketMs / 1000} seconds`}::interval, t, ${BUCKET_ORIGIN.toISOString()}::timestamptz) as b,
        sum(calls)::bigint as calls, sum(failed_calls)::bigint as failed,
        sum(images_ok)::bigint as images_ok, sum(images_failed)::bigint as images_failed, sum(sign_failures)::bigint as sign_failures,
        sum(bytes_in)::bigint as bytes_in, sum(bytes_out)::bigint as bytes_out, sum(latency_sum_ms)::bigint as lat_sum,
        ${histSumJsonSql()} as hist
      from ${rollupSource(f, w.from, w.to, w.bucketMs % 3_600_000 === 0)} s
      group by 1`),
  );
  const byT = new Map<number, Row>();
  for (const r of rows) byT.set(new Date(r.b).getTime(), r);

  const hists: number[][] = [];
  const totals: MetricsTotals = { calls: 0, ok: 0, failed: 0, imagesOk: 0, imagesFailed: 0, signFailures: 0, bytesIn: 0, bytesOut: 0, p50: null, p95: null, avgMs: null, errorRate: null };
  let latSum = 0;
  const points = w.buckets.map((start): MetricsPoint => {
    const t = start.getTime();
    const r = byT.get(t);
    if (!r) return { t, calls: 0, ok: 0, failed: 0, imagesOk: 0, imagesFailed: 0, bytesIn: 0, bytesOut: 0, p50: null, p95: null, avgMs: null };
    const hist = r.hist.map(Number);
    hists.push(hist);
    const calls = Number(r.calls);
    const failed = Number(r.failed);
    const p: MetricsPoint = {
      t,
      calls,
      ok: calls - failed,
      failed,
      imagesOk: Number(r.images_ok),
      imagesFailed: Number(r.images_failed),
      bytesIn: Number(r.bytes_in),
      bytesOut: Number(r.bytes_out),
      p50: round1(percentileMs(hist, 0.5)),
      p95: round1(percentileMs(hist, 0.95)),
      avgMs: calls > 0 ? round1(Number(r.lat_sum) / calls) : null,
    };
    totals.calls += p.calls;
    totals.ok += p.ok;
    totals.failed += p.failed;
    totals.imagesOk += p.imagesOk;
    totals.imagesFailed += p.imagesFailed;
    totals.signFailures += Number(r.sign_failures);
    totals.bytesIn += p.bytesIn;
    totals.bytesOut += p.bytesOut;
    latSum += Number(r.lat_sum);
    return p;
  });
  const merged = mergeHistograms(hists);
  totals.p50 = round1(percentileMs(merged, 0.5));
  totals.p95 = round1(percentileMs(merged, 0.95));
  totals.avgMs = totals.calls > 0 ? round1(latSum / totals.calls) : null;
  totals.errorRate = totals.calls > 0 ? totals.failed / totals.calls : null;
  return { range: f.range, from: w.from.getTime(), to: w.to.getTime(), bucketMs: w.bucketMs, points, totals };
}

function round1(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}
