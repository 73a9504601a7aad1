/**
 * Per-application rate limit: requests per second counted in PostgreSQL
 * (rate_windows, one row per app and clock second of the database), so several
 * instances share one budget. apps.rate_limit_per_sec (default 10) is the limit.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";

/**
 * Retry-After for a refused request: whole seconds until the current window (a clock
 * second of the database) ends and the next one admits again — never 0, since the
 * header carries whole seconds and 0 would invite an immediate, still-refused retry.
 */
export function retryAfterSeconds(msLeftInWindow: number): number {
  return Math.max(1, Math.ceil(msLeftInWindow / 1000));
}

/** An upsert RETURNING the number of requests in this second including this one. */
export function rateHitSql(appId: string): SQL {
  return sql`insert into rate_windows as w (app_id, second, count) values (${appId}, floor(extract(epoch from now()))::bigint, 1)
    on conflict (app_id, second) do update set count = w.count + 1 returning count`;
}

export function isOverLimit(hits: number, limitPerSec: number): boolean {
  return hits > limitPerSec;
}

/** Counts one request; returns whether it is allowed. */
export async function hitRateLimit(db: DbOrTx, appId: string, limitPerSec: number): Promise<{ allowed: boolean; hits: number }> {
  const [row] = rowsOf<{ count: number }>(await db.execute(rateHitSql(appId)));
  const hits = Number(row?.count ?? 0);
  return { allowed: !isOverLimit(hits, limitPerSec), hits };
}

/** Drops windows older than a minute. */
export async function purgeRateWindows(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from rate_windows where second < floor(extract(epoch from now()))::bigint - 60`);
}
