/** Display helpers: money is integer fen, times are shown in Asia/Shanghai. */

export const TZ = "Asia/Shanghai";

export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

/** ¥1,234.50 */
export function cny(fen: number): string {
  return `¥${yuan(fen)}`;
}

const dtf = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The date and time fields (year, month, day, hour, minute, second; zero-padded, 24-hour) of d in Asia/Shanghai. */
export function shParts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dtf.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** 2020-11-05 14:43:49 in Asia/Shanghai */
export function shTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const p = shParts(new Date(d));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** 2020-11-05 in Asia/Shanghai */
export function shDate(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const p = shParts(new Date(d));
  return `${p.year}-${p.month}-${p.day}`;
}

/** 1000 → 1000次, 10000 → 1万次, 100000 → 10万次 */
export function tierLabel(calls: number): string {
  if (calls >= 10000 && calls % 10000 === 0) return `${calls / 10000}万次`;
  return `${calls}次`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

const trim1 = (v: number) => (v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10));

/**
 * Traffic and sizes, 1024-based: 512 B, 1.2 KB, 35 KB, 668 MB, 1.5 GB — the one byte formatter
 * of the product (call records, monitor totals, charts' tooltips, the API docs).
 */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${trim1(n / 1024)} KB`;
  if (n < 1024 ** 3) return `${trim1(n / 1024 ** 2)} MB`;
  return `${trim1(n / 1024 ** 3)} GB`;
}

/** The same for a chart axis: no space (an axis label never wraps) and at most 3 significant digits: 35KB, 1.5MB. */
export function bytesTick(n: number): string {
  return bytes(n).replace(" ", "");
}
