/**
 * Replay store in PostgreSQL (replay_signs), so every instance of the app agrees:
 * a Sign may be used once while its Timestamp is inside the window. A row can be
 * dropped once its Timestamp has left the window, because such a request is refused
 * for its Timestamp anyway.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { TIMESTAMP_WINDOW_MS } from "./index";

/**
 * An INSERT … RETURNING 1 that yields one row when the sign is fresh, none for a replay.
 * With `when`, the sign is remembered only if that condition holds (the request is admitted).
 */
export function rememberSignSql(sign: string, timestampMs: number, when: SQL = sql`true`): SQL {
  const expires = new Date(timestampMs + TIMESTAMP_WINDOW_MS).toISOString();
  return sql`insert into replay_signs (sign, expires_at) select ${sign}, ${expires}::timestamptz where ${when} on conflict (sign) do nothing returning 1`;
}

/** Deletes a remembered sign (an admitted request that did no work may be resent as is). */
export function forgetSignSql(sign: string): SQL {
  return sql`delete from replay_signs where sign = ${sign}`;
}

/** True when the sign had not been seen (and is now remembered). */
export async function rememberSign(db: DbOrTx, sign: string, timestampMs: number): Promise<boolean> {
  return rowsOf(await db.execute(rememberSignSql(sign, timestampMs))).length === 1;
}

export async function purgeExpiredSigns(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from replay_signs where expires_at < now()`);
}
