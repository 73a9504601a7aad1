import type { MetricsPoint } from "./series";

/** A chart point: latency and traffic are null (a gap in the line) where the bucket had no calls. */
export type ChartPoint = Omit<MetricsPoint, "bytesIn" | "bytesOut"> & { bytesIn: number | null; bytesOut: number | null };

/**
 * 响应时间 and 请求流量 for the charts: a bucket without calls has no latency and no traffic
 * to show, so its values are null and the line breaks there (recharts connectNulls={false})
 * instead of falling to 0, which would read as "instant" or "a quiet minute".
 */
export function withGaps(points: MetricsPoint[]): ChartPoint[] {
  return points.map((p) => (p.calls > 0 ? p : { ...p, p50: null, p95: null, avgMs: null, bytesIn: null, bytesOut: null }));
}

/**
 * Whether a chart has anything to draw (else it shows 暂无数据 instead of bare axes): a number
 * under one of `keys` — for counts (`positive`), one above 0.
 */
export function hasValues<T>(points: T[], keys: (keyof T)[], opts: { positive?: boolean } = {}): boolean {
  return points.some((p) =>
    keys.some((k) => {
      const v = p[k];
      return typeof v === "number" && (!opts.positive || v > 0);
    }),
  );
}
