/**
 * Calls left for an application and API: the sum over its packs that are still valid
 * (active, started, not expired). Packs last one year and never roll over.
 * The 我的能力 page and the gateway's X-Quota-Remaining header both read it.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { API_KINDS } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";

/** The pack facts the in-memory twins below read (a quota_packs row has them all). */
export interface PackValidity {
  status: string;
  startsAt: Date;
  expiresAt: Date;
  callsTotal: number;
  callsUsed: number;
}

/**
 * A pack that is active, started and not expired at `now` — validPackWhere without its
 * "calls left" clause, for rows already loaded (我的能力 also shows used-up valid packs).
 */
export function isPackLive(p: Pick<PackValidity, "status" | "startsAt" | "expiresAt">, now: Date): boolean {
  return p.status === "active" && p.startsAt.getTime() <= now.getTime() && p.expiresAt.getTime() > now.getTime();
}

/** Calls left over loaded packs: what remainingExpr computes in SQL, for rows already in memory. */
export function callsLeftIn(packs: readonly PackValidity[], now: Date): number {
  return packs.reduce((n, p) => n + (isPackLive(p, now) ? Math.max(0, p.callsTotal - p.callsUsed) : 0), 0);
}

/** The predicate of a pack that can still pay for calls (used by consume.ts too). */
export function validPackWhere(appId: string, api: ApiKind, now: Date): SQL {
  const at = now.toISOString();
  return sql`app_id = ${appId} and api = ${api} and status = 'active' and starts_at <= ${at}::timestamptz and expires_at > ${at}::timestamptz and calls_used < calls_total`;
}

/** A scalar SQL expression with the calls left, to embed in a larger query (one round trip). */
export function remainingExpr(appId: string, api: ApiKind, now: Date = new Date()): SQL {
  return sql`(select coalesce(sum(calls_total - calls_used), 0)::int from quota_packs where ${validPackWhere(appId, api, now)})`;
}

export async function remainingCalls(db: DbOrTx, appId: string, api: ApiKind, now: Date = new Date()): Promise<number> {
  const [row] = rowsOf<{ left: number }>(await db.execute(sql`select ${remainingExpr(appId, api, now)} as left`));
  return Number(row?.left ?? 0);
}

/** Calls left per API for one application (every API present, 0 when it has no valid pack). */
export async function remainingByApi(db: DbOrTx, appId: string, now: Date = new Date()): Promise<Record<ApiKind, number>> {
  const at = now.toISOString();
  const rows = rowsOf<{ api: ApiKind; left: number }>(
    await db.execute(sql`select api, coalesce(sum(calls_total - calls_used), 0)::int as left from quota_packs
      where app_id = ${appId} and status = 'active' and starts_at <= ${at}::timestamptz and expires_at > ${at}::timestamptz and calls_used < calls_total
      group by api`),
  );
  const out = Object.fromEntries(API_KINDS.map((a) => [a, 0])) as Record<ApiKind, number>;
  for (const r of rows) out[r.api] = Number(r.left);
  return out;
}
