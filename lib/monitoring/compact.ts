/**
 * Hourly rollups for the long chart ranges. call_rollups has one row per application, API
 * and minute — 43,200 a month each — so 7- and 30-day charts read call_rollups_hourly for
 * the hours that are over and the minute rows only after the watermark
 * (settings.rollups_hourly_until). The job replaces whole hours (idempotent: several
 * instances may run it at once) once they ended SETTLE_MS ago, when no call can land in
 * them any more (a call is metered at the minute its request arrived).
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { histSumSql } from "./series";

export const WATERMARK_KEY = "rollups_hourly_until";
const HOUR = 3_600_000;
const SETTLE_MS = 5 * 60_000;
/** hours per statement, so a catch-up over months stays in bounded steps */
const STEP_HOURS = 24;

export async function hourlyWatermark(db: DbOrTx): Promise<Date | null> {
  const [row] = rowsOf<{ value: string }>(await db.execute(sql`select value from settings where key = ${WATERMARK_KEY}`));
  return row ? new Date(row.value) : null;
}

/** Folds every hour that ended before now − 5 min into call_rollups_hourly; returns the new watermark. */
export async function compactRollups(db: DbOrTx, now: Date = new Date()): Promise<Date | null> {
  const target = Math.floor((now.getTime() - SETTLE_MS) / HOUR) * HOUR;
  let wm = (await hourlyWatermark(db))?.getTime() ?? null;
  if (wm === null) {
    const [first] = rowsOf<{ m: Date | string | null }>(await db.execute(sql`select min(minute) as m from call_rollups`));
    wm = first?.m ? Math.floor(new Date(first.m).getTime() / HOUR) * HOUR : target;
  }
  while (wm < target) {
    const next = Math.min(target, wm + STEP_HOURS * HOUR);
    const from = new Date(wm).toISOString();
    const to = new Date(next).toISOString();
    await db.execute(sql`insert into call_rollups_hourly as h (app_id, api, hour, user_id, calls, failed_calls, images_ok, images_failed, sign_failures, bytes_in, bytes_out, latency_sum_ms, lat_hist)
      select app_id, api, date_trunc('hour', minute), user_id, sum(calls), sum(failed_calls), sum(images_ok), sum(images_failed), sum(sign_failures),
        sum(bytes_in), sum(bytes_out), sum(latency_sum_ms), ${histSumSql()}::int[]
      from call_rollups where minute >= ${from}::timestamptz and minute < ${to}::timestamptz
      group by 1, 2, 3, 4
      on conflict (app_id, api, hour) do update set user_id = excluded.user_id, calls = excluded.calls, failed_calls = excluded.failed_calls,
        images_ok = excluded.images_ok, images_failed = excluded.images_failed, sign_failures = excluded.sign_failures, bytes_in = excluded.bytes_in,
        bytes_out = excluded.bytes_out, latency_sum_ms = excluded.latency_sum_ms, lat_hist = excluded.lat_hist`);
    await db.execute(sql`insert into settings (key, value, updated_at) values (${WATERMARK_KEY}, ${to}, now())
      on conflict (key) do update set value = excluded.value, updated_at = now() where settings.value::timestamptz < excluded.value::timestamptz`);
    wm = next;
  }
  return new Date(wm);
}

/**
 * The rollup rows of one customer (and app/API) in [from, to), as (t, …counters…, lat_hist):
 * hourly rows before the watermark when `hourly` (bucket sizes that are whole hours),
 * minute rows after it (or everywhere when not).
 */
export function rollupSource(f: { userId: string; appId?: string | null; api?: string | null }, from: Date, to: Date, hourly: boolean): SQL {
  const cols = sql.raw(`app_id, api, user_id, calls, failed_calls, images_ok, images_failed, sign_failures, bytes_in, bytes_out, latency_sum_ms, lat_hist`);
  const scope = (col: string, lo: SQL, hi: SQL) => {
    const conds = [sql`user_id = ${f.userId}`, sql`${sql.raw(col)} >= ${lo}`, sql`${sql.raw(col)} < ${hi}`];
    if (f.appId) conds.push(sql`app_id = ${f.appId}`);
    if (f.api) conds.push(sql`api = ${f.api}`);
    return sql.join(conds, sql` and `);
  };
  const lo = sql`${from.toISOString()}::timestamptz`;
  const hi = sql`${to.toISOString()}::timestamptz`;
  if (!hourly) return sql`(select minute as t, ${cols} from call_rollups where ${scope("minute", lo, hi)})`;
  const wm = sql`coalesce((select value::timestamptz from settings where key = ${WATERMARK_KEY}), '-infinity'::timestamptz)`;
  return sql`(select hour as t, ${cols} from call_rollups_hourly where ${scope("hour", lo, sql`least(${hi}, ${wm})`)}
    union all
    select minute as t, ${cols} from call_rollups where ${scope("minute", sql`greatest(${lo}, ${wm})`, hi)})`;
}
