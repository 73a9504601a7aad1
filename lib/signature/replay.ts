/**
 * Replay store in PostgreSQL (replay_signs), so every instance of the app agrees:
 * a Sign may be used once while its Timestamp is inside the window. A row can be
 * dropped once its Timestamp has left the window, because such a request is refused
 * for its Timestamp anyway.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { TIMESTAMP_WINDOW_MS } from "./index";

/** An INSERT … RETURNING 1 that yields one row when the sign is fresh, none for a replay. */
export function rememberSignSql(sign: string, timestampMs: number): SQL {
  const expires = new Date(timestampMs + TIMESTAMP_WINDOW_MS).toISOString();
  return sql`insert into replay_signs (sign, expires_at) values (${sign}, ${expires}::timestamptz) on conflict (sign) do nothing returning 1`;
}

/** True when the sign had not been seen (and is now remembered). */
export async function rememberSign(db: DbOrTx, sign: string, timestampMs: number): Promise<boolean> {
  return rowsOf(await db.execute(rememberSignSql(sign, timestampMs))).length === 1;
}

export async function purgeExpiredSigns(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from replay_signs where expires_at < now()`);
}
