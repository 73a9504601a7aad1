/**
 * The chart ranges of 应用监控 (1小时, 24小时, 7天, 30天) and their buckets.
 * Bucket edges are aligned in Asia/Shanghai, so a day bucket starts at 00:00 Beijing time.
 * (Operator-side copy until lib/monitoring lands; then this should re-export theirs.)
 */
export const RANGES = {
  "1h": { label: "1小时", spanMs: 3600_000, bucketMs: 60_000 },
  "24h": { label: "24小时", spanMs: 86_400_000, bucketMs: 3600_000 },
  "7d": { label: "7天", spanMs: 7 * 86_400_000, bucketMs: 6 * 3600_000 },
  "30d": { label: "30天", spanMs: 30 * 86_400_000, bucketMs: 86_400_000 },
} as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];

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
  const { spanMs, bucketMs } = RANGES[range];
  const n = Math.round(spanMs / bucketMs);
  const lastStart = Math.floor((now.getTime() + SH_OFFSET_MS) / bucketMs) * bucketMs - SH_OFFSET_MS;
  const first = lastStart - (n - 1) * bucketMs;
  const starts = Array.from({ length: n }, (_, i) => new Date(first + i * bucketMs));
  return { range, bucketMs, start: new Date(first), end: new Date(lastStart + bucketMs), starts };
}

/** Index of the bucket `t` falls in, or -1 outside. */
export function bucketOf(b: Buckets, t: Date): number {
  const i = Math.floor((t.getTime() - b.start.getTime()) / b.bucketMs);
  return i >= 0 && i < b.starts.length ? i : -1;
}

/** The label under a bucket: 14:05 for minute/hour buckets, 11-25 06:00 for 6-hour ones, 11-25 for days. */
export function bucketLabel(range: RangeKey, start: Date): string {
  const t = new Date(start.getTime() + SH_OFFSET_MS).toISOString();
  const md = t.slice(5, 10);
  const hm = t.slice(11, 16);
  if (range === "1h" || range === "24h") return hm;
  if (range === "7d") return `${md} ${hm}`;
  return md;
}
