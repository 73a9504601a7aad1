/**
 * Charges `n` calls to an application's packs for one API, atomically, earliest
 * expiry first and across several packs when needed. One SQL statement: the valid
 * packs are locked (FOR UPDATE), the n calls are spread over them in expiry order,
 * and each pack is updated only if `calls_used + take <= calls_total` still holds,
 * so concurrent callers can never oversell. When fewer than n calls are left, what
 * is left is charged and `charged < n` tells the caller which images went unpaid.
 *
 * Durability: the charge commits synchronously (it waits for the WAL flush), so a
 * PostgreSQL crash can never lose a charge for an image that was served. The pack row
 * stays locked through that flush, so one application's charges are serialised at
 * ≈ 1 / (fsync latency) per second. Measured with bench:gateway (2 CPUs, load ≈ 2,
 * 10 connections, one app): 1108 signed req/s with the synchronous charge vs 1332 with
 * `synchronous_commit = off` on it — the ≥ 500 req/s target is met either way, so the
 * customer-favourable async commit (losing up to ~3 × wal_writer_delay of charges in a
 * server crash) is not used. On a disk with slow fsync, revisit with the benchmark.
 * Replay signs, rate windows and the records of uncharged calls still commit
 * asynchronously (see auth.ts, metering/record.ts): losing their last fraction of a second
 * in a crash is harmless.
 *
 * chargeAndRecord writes a paid call's charge and its call record in ONE statement (one
 * round trip, one transaction): a database failure can leave neither, never a charge
 * without its record.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import { executePrepared, type Db, type DbOrTx } from "@/db";
import { calls } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { recordCall, recordCallCtes, type CallRecord } from "@/lib/metering/record";
import { emitQuotaExhausted } from "./events";
import { remainingCalls, validPackWhere } from "./remaining";

export interface ConsumeResult {
  /** calls actually charged (≤ n) */
  charged: number;
  packs: { packId: string; calls: number }[];
  /** calls left for this app and API after the charge */
  remaining: number;
}

export async function consumeCalls(
  db: DbOrTx,
  p: { appId: string; api: ApiKind; n: number; now?: Date },
): Promise<ConsumeResult> {
  if (!Number.isInteger(p.n) || p.n < 0) throw new RangeError("n must be a non-negative integer");
  const now = p.now ?? new Date();
  if (p.n === 0) return { charged: 0, packs: [], remaining: await remainingCalls(db, p.appId, p.api, now) };
  const rows = await executePrepared<ChargeRow>(db, sql`${chargeCtes(p.appId, p.api, p.n, now, false)} ${chargeSelect}`);
  return settle(rows, p, now);
}

interface ChargeRow {
  id: string;
  left_calls: number;
  taken: number;
}

/**
 * The charge as CTEs: avail (valid packs, locked), alloc (n spread by expiry), upd (the
 * packs' update). With allOrNothing, no pack is touched unless all n calls fit.
 */
function chargeCtes(appId: string, api: ApiKind, n: number, now: Date, allOrNothing: boolean): SQL {
  const fits = allOrNothing ? sql` and (select coalesce(sum(left_calls), 0) from avail) >= ${n}::int` : sql``;
  return sql`with avail as (
        select id, expires_at, (calls_total - calls_used) as left_calls from quota_packs
        where ${validPackWhere(appId, api, now)}
        order by expires_at, id
        for update
      ), alloc as (
        select id, left_calls,
          least(left_calls, greatest(0, ${n}::int - coalesce(sum(left_calls) over (order by expires_at, id rows between unbounded preceding and 1 preceding), 0)))::int as take
        from avail
      ), upd as (
        update quota_packs q set calls_used = q.calls_used + a.take
        from alloc a
        where q.id = a.id and a.take > 0 and q.calls_used + a.take <= q.calls_total${fits}
        returning q.id, a.take
      )`;
}

const chargeSelect = sql`select a.id, a.left_calls::int as left_calls, coalesce(u.take, 0)::int as taken
      from alloc a left join upd u on u.id = a.id`;

function settle(rows: ChargeRow[], p: { appId: string; api: ApiKind }, now: Date): ConsumeResult {
  const packs = rows.filter((r) => Number(r.taken) > 0).map((r) => ({ packId: r.id, calls: Number(r.taken) }));
  const charged = packs.reduce((s, x) => s + x.calls, 0);
  const remaining = rows.reduce((s, r) => s + Number(r.left_calls) - Number(r.taken), 0);
  if (remaining === 0 && charged > 0) emitQuotaExhausted({ appId: p.appId, api: p.api, reason: "used_up", at: now });
  return { charged, packs, remaining };
}

/**
 * Charges n calls and records the call in one statement, all or nothing: when fewer than
 * n calls are left, nothing is charged or recorded and `charged` is 0 — the caller then
 * settles the partial charge with chargePartialAndRecord. `record` describes the call as
 * if all n were charged; its packs are filled in from the charge itself.
 */
export async function chargeAndRecord(
  db: DbOrTx,
  p: { appId: string; api: ApiKind; n: number; now?: Date },
  record: CallRecord,
): Promise<ConsumeResult> {
  if (!Number.isInteger(p.n) || p.n < 1) throw new RangeError("n must be a positive integer");
  const now = p.now ?? new Date();
  const paid = sql`(select jsonb_agg(jsonb_build_object('packId', id, 'calls', take) order by id) as packs, coalesce(sum(take), 0)::int as charged from upd) as paid`;
  const rec = recordCallCtes(record, { packs: sql`paid.packs`, from: sql`${paid} where paid.charged = ${p.n}::int` });
  const rows = await executePrepared<ChargeRow>(db, sql`${chargeCtes(p.appId, p.api, p.n, now, true)}, ${rec} ${chargeSelect}`);
  return settle(rows, p, now);
}

/**
 * The rare path of chargeAndRecord (the quota ran out between admission and charge):
 * charges what is left and records the call `build(charged)` describes, in one transaction.
 */
export async function chargePartialAndRecord<T extends { record: CallRecord }>(
  db: Db,
  p: { appId: string; api: ApiKind; n: number; now?: Date },
  build: (charge: ConsumeResult) => T,
): Promise<T> {
  return db.transaction(async (tx) => {
    const charge = await consumeCalls(tx, p);
    const out = build(charge);
    await recordCall(tx, { ...out.record, packs: charge.packs }, { async: false });
    return out;
  });
}

/**
 * The charge a request's call record shows, or null when it has none: after the driver
 * reported a charge as failed, this tells whether it committed anyway (its acknowledgment was
 * lost — the connection closed, or went silent past the socket timeout, after the server had
 * committed). The charge and its record commit together, so the record is the proof.
 */
export async function recordedCharge(db: DbOrTx, requestId: string): Promise<{ charged: number; packs: { packId: string; calls: number }[] } | null> {
  const [row] = await db.select({ packs: calls.packs }).from(calls).where(eq(calls.requestId, requestId)).limit(1);
  if (!row) return null;
  const packs = row.packs ?? [];
  return { charged: packs.reduce((n, p) => n + p.calls, 0), packs };
}
