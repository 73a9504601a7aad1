/**
 * Operators type prices in yuan ("12.5"); the database keeps integer fen.
 * Parsed as text, digit by digit, so no floating point ever touches money.
 */
const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "12.5" → 1250, "0.07" → 7, "3" → 300; null for anything that is not a plain non-negative amount. */
export function yuanToFen(text: string): number | null {
  const m = YUAN.exec(text.trim());
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? "").padEnd(2, "0"));
  return whole * 100 + frac;
}

/** 1250 → "12.50" (no grouping, for an input's value). */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "2026-12-31T23:59" typed in a datetime-local input, read as Asia/Shanghai time. */
export function shanghaiLocalToDate(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3] ?? "00"}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The inverse, for an input's value: a Date shown as Asia/Shanghai "YYYY-MM-DDTHH:mm". */
export function dateToShanghaiLocal(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return t.toISOString().slice(0, 16);
}
