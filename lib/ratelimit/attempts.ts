/**
 * Abuse limits counted in PostgreSQL (attempt_counters), so several instances share them.
 * Every change is ONE statement (an upsert with RETURNING): parallel attempts cannot all read
 * "below the limit" and then all pass, which a read-then-write counter allowed.
 *
 *  - takeAttempt: a fixed window — at most `max` attempts per `windowMs` under a key
 *    (registrations per address, ID photo reads per account, real-name attempts...).
 *  - takeSignInSlot: a per-account slow-down — the first FREE_FAILURES failures cost nothing,
 *    then each further attempt must wait 2^(n-FREE) s after the last (at most MAX_DELAY_S),
 *    so a guesser gets a few hundred tries a day while the real owner waits seconds, never a
 *    15-minute lock. The slot is taken BEFORE the password is checked; success clears it.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface Taken {
  allowed: boolean;
  /** attempts in the window, this one included */
  count: number;
  /** whole seconds until an attempt would be allowed (0 when allowed) */
  retryAfterSec: number;
}

const iso = (d: Date) => d.toISOString();

/** Counts one attempt under `key`; allowed while the window holds at most `max`. */
export async function takeAttempt(db: DbOrTx, key: string, limit: WindowLimit, now = new Date()): Promise<Taken> {
  const at = sql`${iso(now)}::timestamptz`;
  const expired = sql`c.window_start <= ${at} - ${limit.windowMs} * interval '1 millisecond'`;
  const [row] = rowsOf<{ count: number; window_start: Date | string }>(
    await db.execute(sql`insert into attempt_counters as c (key, count, window_start, last_at) values (${key}, 1, ${at}, ${at})
      on conflict (key) do update set
        count = case when ${expired} then 1 else c.count + 1 end,
        window_start = case when ${expired} then ${at} else c.window_start end,
        last_at = ${at}
      returning c.count, c.window_start`),
  );
  const count = Number(row!.count);
  const allowed = count <= limit.max;
  const ends = new Date(row!.window_start).getTime() + limit.windowMs;
  return { allowed, count, retryAfterSec: allowed ? 0 : Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) };
}

/** Gives back one attempt (a sign-in that succeeded should not use up its address's budget). */
export async function refundAttempt(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`update attempt_counters set count = greatest(count - 1, 0) where key = ${key}`);
}

export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`delete from attempt_counters where key = ${key}`);
}

/** Failures that cost no waiting; quiet time after which the count starts again. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_S = 60;
export const QUIET_MS = 15 * 60 * 1000;

/** Seconds an account must wait after its last attempt, having `failures` counted. */
export function signInDelaySec(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_S);
}

const delaySql = (count: SQL) =>
  sql`(case when ${count} < ${FREE_FAILURES} then 0 else least(power(2, ${count} - ${FREE_FAILURES}), ${MAX_DELAY_S}) end)::int * interval '1 second'`;

/**
 * Takes a sign-in slot for an account key, counting it as a failure until clearAttempts says
 * otherwise. Refused (with the wait) while the previous attempt's delay has not passed.
 */
export async function takeSignInSlot(db: DbOrTx, key: string, now = new Date()): Promise<Taken> {
  const at = sql`${iso(now)}::timestamptz`;
  const quiet = sql`c.last_at <= ${at} - ${QUIET_MS} * interval '1 millisecond'`;
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`insert into attempt_counters as c (key, count, window_start, last_at) values (${key}, 1, ${at}, ${at})
      on conflict (key) do update set
        count = case when ${quiet} then 1 else c.count + 1 end,
        window_start = case when ${quiet} then ${at} else c.window_start end,
        last_at = ${at}
      where ${quiet} or c.last_at + ${delaySql(sql`c.count`)} <= ${at}
      returning c.count`),
  );
  if (row) return { allowed: true, count: Number(row.count), retryAfterSec: 0 };
  const [cur] = rowsOf<{ count: number; last_at: Date | string }>(
    await db.execute(sql`select count, last_at from attempt_counters where key = ${key}`),
  );
  const count = Number(cur?.count ?? 0);
  const readyAt = new Date(cur?.last_at ?? now).getTime() + signInDelaySec(count) * 1000;
  return { allowed: false, count, retryAfterSec: Math.max(1, Math.ceil((readyAt - now.getTime()) / 1000)) };
}

/** Drops counters idle for a day. */
export async function purgeAttempts(db: DbOrTx, now = new Date()): Promise<void> {
  await db.execute(sql`delete from attempt_counters where last_at < ${iso(now)}::timestamptz - interval '1 day'`);
}
