/**
 * Chart ranges and their bucket sizes. Buckets are aligned to Asia/Shanghai (UTC+8, no
 * daylight saving): a 1-day bucket starts at Shanghai midnight, a 2-hour bucket at an even
 * Shanghai hour. The window ends at the end of the bucket holding `now`, so the last bar
 * is the current, still-filling one.
 */
export const RANGES = {
  "1h": { label: "1小时", spanMs: 3_600_000, bucketMs: 60_000, bucketLabel: "1 分钟" },
  "24h": { label: "24小时", spanMs: 86_400_000, bucketMs: 15 * 60_000, bucketLabel: "15 分钟" },
  "7d": { label: "7天", spanMs: 7 * 86_400_000, bucketMs: 2 * 3_600_000, bucketLabel: "2 小时" },
  "30d": { label: "30天", spanMs: 30 * 86_400_000, bucketMs: 86_400_000, bucketLabel: "1 天" },
} as const;

export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];

/** A Shanghai midnight, the origin every bucket is counted from (as in SQL date_bin). */
export const BUCKET_ORIGIN = new Date("2000-01-03T00:00:00+08:00");

export interface Window {
  range: RangeKey;
  /** inclusive start (a bucket start) */
  from: Date;
  /** exclusive end (a bucket end, after now) */
  to: Date;
  bucketMs: number;
  /** start of every bucket in [from, to) */
  buckets: Date[];
}

export function isRange(s: unknown): s is RangeKey {
  return typeof s === "string" && s in RANGES;
}

/** Start of the bucket of size `bucketMs` containing `t`. */
export function bucketStart(t: Date, bucketMs: number): Date {
  const o = BUCKET_ORIGIN.getTime();
  return new Date(o + Math.floor((t.getTime() - o) / bucketMs) * bucketMs);
}

export function windowFor(range: RangeKey, now: Date): Window {
  const { spanMs, bucketMs } = RANGES[range];
  const to = new Date(bucketStart(now, bucketMs).getTime() + bucketMs);
  const from = new Date(to.getTime() - spanMs);
  const buckets: Date[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += bucketMs) buckets.push(new Date(t));
  return { range, from, to, bucketMs, buckets };
}

/** Shanghai midnight at or before `now` (start of "today" on the console). */
export function shanghaiDayStart(now: Date): Date {
  return bucketStart(now, 86_400_000);
}
