/** Axis and tooltip formatting for the charts: times in Asia/Shanghai (bytes: lib/format.ts). */
const TZ = "Asia/Shanghai";

const fmt = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("zh-CN", { timeZone: TZ, hourCycle: "h23", ...opts });
const hm = fmt({ hour: "2-digit", minute: "2-digit" });
const mdhm = fmt({ month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const md = fmt({ month: "2-digit", day: "2-digit" });
const full = fmt({ year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

/** Tick label for a bucket start, given the bucket size. */
export function tickLabel(t: number, bucketMs: number): string {
  if (bucketMs >= 86_400_000) return md.format(t);
  if (bucketMs >= 3_600_000) return mdhm.format(t);
  return hm.format(t);
}

export function fullTime(t: number): string {
  return full.format(t);
}

export function compact(n: number): string {
  if (Math.abs(n) >= 100_000_000) return `${(n / 100_000_000).toFixed(1)}亿`;
  if (Math.abs(n) >= 10_000) return `${(n / 10_000).toFixed(1)}万`;
  return String(Math.round(n * 10) / 10);
}
