import { RANGES, windowFor, type RangeKey } from "@/lib/monitoring/range";

/**
 * The chart ranges of 应用监控 (1小时, 24小时, 7天, 30天) with the same buckets, from
 * lib/monitoring/range (aligned to Asia/Shanghai). This module only adapts them for the
 * operator reports: bucket index of a time, labels under the bars.
 */
export { RANGES, RANGE_KEYS, type RangeKey } from "@/lib/monitoring/range";

export function parseRange(v: unknown, fallback: RangeKey = "24h"): RangeKey {
  return typeof v === "string" && v in RANGES ? (v as RangeKey) : fallback;
}

const SH_OFFSET_MS = 8 * 3600_000;

export interface Buckets {
  range: RangeKey;
  bucketMs: number;
  /** first bucket's start (inclusive) */
  start: Date;
  /** last bucket's end (exclusive) */
  end: Date;
  /** every bucket's start, oldest first */
  starts: Date[];
}

/** The buckets covering `range` up to `now`; the last bucket is the one `now` falls in. */
export function bucketsFor(range: RangeKey, now: Date): Buckets {
  const w = windowFor(range, now);
  return { range, bucketMs: w.bucketMs, start: w.from, end: w.to, starts: w.buckets };
}

/** Index of the bucket `t` falls in, or -1 outside. */
export function bucketOf(b: Buckets, t: Date): number {
  const i = Math.floor((t.getTime() - b.start.getTime()) / b.bucketMs);
  return i >= 0 && i < b.starts.length ? i : -1;
}

/** The label under a bucket: 14:05 within a day, 11-25 06:00 for the 7-day range, 11-25 for days. */
export function bucketLabel(range: RangeKey, start: Date): string {
  const t = new Date(start.getTime() + SH_OFFSET_MS).toISOString();
  const md = t.slice(5, 10);
  const hm = t.slice(11, 16);
  if (range === "1h" || range === "24h") return hm;
  if (range === "7d") return `${md} ${hm}`;
  return md;
}
