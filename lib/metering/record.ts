/**
 * Records one open-API call: a row in `calls` and, when the application and API are
 * known, the per-minute rollup in `call_rollups` (counts, bytes, latency sum and the
 * latency histogram), in one statement so monitoring never sees one without the other.
 */
import { sql, type SQL } from "drizzle-orm";
import { executePrepared, type DbOrTx } from "@/db";
import type { ApiKind } from "@/lib/engine/types";
import { bucketIndex, emptyHistogram } from "./histogram";

export interface CallRecord {
  requestId: string;
  appId: string | null;
  userId: string | null;
  api: ApiKind | null;
  httpStatus: number;
  /** 0 for a processed request, else the whole-request error code */
  code: number;
  imagesOk: number;
  imagesFailed: number;
  /** the packs that paid for the call */
  packs: { packId: string; calls: number }[] | null;
  bytesIn: number;
  bytesOut: number;
  latencyMs: number;
  engineMs: number;
  /** true when the call was refused for a wrong Sign (counted in call_rollups.sign_failures) */
  signFailure: boolean;
  at: Date;
}

/**
 * A FROM item that turns off synchronous commit for the statement's own (implicit)
 * transaction: metering rows do not wait for the WAL flush (at most ~wal_writer_delay
 * of call records could be lost if PostgreSQL itself crashed; quota charges stay durable).
 */
export const ASYNC_COMMIT = sql`(select set_config('synchronous_commit', 'off', true)) as async_commit`;

/**
 * The statements that record `r`: the calls row and, when the application is known, the
 * rollup (selecting from the calls insert's CTE `c`). `packs` is the SQL of the paying packs as jsonb (a parameter, or the charge's
 * own CTE in lib/quota/consume's chargeAndRecord); `from` is what the inserts select
 * from — ASYNC_COMMIT on its own, or the charge's CTE so the record is written only when
 * the charge was.
 */
export function recordCallParts(r: CallRecord, o: { packs: SQL; from: SQL }): { call: SQL; rollup: SQL | null } {
  const at = r.at.toISOString();
  const insertCall = sql`insert into calls (request_id, app_id, user_id, api, http_status, code, images_ok, images_failed, packs, bytes_in, bytes_out, latency_ms, engine_ms, created_at)
    select ${r.requestId}, ${r.appId}, ${r.userId}, ${r.api}, ${r.httpStatus}, ${r.code}, ${r.imagesOk}, ${r.imagesFailed}, ${o.packs},
            ${r.bytesIn}, ${r.bytesOut}, ${Math.round(r.latencyMs)}, ${Math.round(r.engineMs)}, ${at}::timestamptz from ${o.from}`;
  if (!r.appId || !r.api || !r.userId) return { call: insertCall, rollup: null };
  const hist = emptyHistogram();
  const idx = bucketIndex(r.latencyMs);
  hist[idx] = 1;
  const failed = r.code === 0 ? 0 : 1;
  const sign = r.signFailure ? 1 : 0;
  const rollup = sql`insert into call_rollups as r (app_id, api, minute, user_id, calls, failed_calls, images_ok, images_failed, sign_failures, bytes_in, bytes_out, latency_sum_ms, lat_hist)
    select ${r.appId}, ${r.api}, date_trunc('minute', ${at}::timestamptz), ${r.userId}, 1, ${failed}, ${r.imagesOk}, ${r.imagesFailed}, ${sign},
            ${r.bytesIn}, ${r.bytesOut}, ${Math.round(r.latencyMs)}, ${`{${hist.join(",")}}`}::int[] from c
    on conflict (app_id, api, minute) do update set
      calls = r.calls + 1,
      failed_calls = r.failed_calls + excluded.failed_calls,
      images_ok = r.images_ok + excluded.images_ok,
      images_failed = r.images_failed + excluded.images_failed,
      sign_failures = r.sign_failures + excluded.sign_failures,
      bytes_in = r.bytes_in + excluded.bytes_in,
      bytes_out = r.bytes_out + excluded.bytes_out,
      latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
      lat_hist[${idx + 1}] = coalesce(r.lat_hist[${idx + 1}], 0) + 1`;
  return { call: insertCall, rollup };
}

/**
 * The record as CTEs to append to a WITH list (PostgreSQL allows data-modifying
 * statements in WITH only at the top level): `c` inserts the call, `cr` the rollup.
 */
export function recordCallCtes(r: CallRecord, o: { packs: SQL; from: SQL }): SQL {
  const { call, rollup } = recordCallParts(r, o);
  return rollup ? sql`c as (${call} returning 1), cr as (${rollup} returning 1)` : sql`c as (${call} returning 1)`;
}

export function packsJson(packs: CallRecord["packs"]): SQL {
  return sql`${packs && packs.length > 0 ? JSON.stringify(packs) : null}::jsonb`;
}

/** Records a call that charged nothing (or whose charge is committed in the same transaction `db`). */
export async function recordCall(db: DbOrTx, r: CallRecord, o: { async?: boolean } = {}): Promise<void> {
  const { call, rollup } = recordCallParts(r, { packs: packsJson(r.packs), from: o.async === false ? sql`(select 1) as one` : ASYNC_COMMIT });
  await executePrepared(db, rollup ? sql`with c as (${call} returning 1) ${rollup}` : call);
}
