import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { effectiveUnitPrice } from "@/lib/pricing/quote";
import { APIS, API_KINDS } from "@/lib/catalogue/apis";

export interface PriceRow {
  tier: number;
  unitPriceFen: number;
  /** the public-beta price, while the beta lasts */
  betaPriceFen: number | null;
  betaEndsAt: Date | null;
}

export interface PriceTable {
  api: ApiKind;
  label: string;
  rows: PriceRow[];
}

/** The price list as operators set it now (read on every request: no caching). */
export async function publicPriceTable(db: DbOrTx, now = new Date(), only?: ApiKind): Promise<PriceTable[]> {
  const all = await db.select().from(prices).orderBy(asc(prices.api), asc(prices.tier));
  return API_KINDS.filter((api) => !only || api === only).map((api) => ({
    api,
    label: APIS[api].label,
    rows: all
      .filter((p) => p.api === api && (APIS[api].tiers as readonly number[]).includes(p.tier))
      .map((p) => ({ tier: p.tier, unitPriceFen: p.unitPriceFen, ...betaNow(p, now) })),
  }));
}

/**
 * The public-beta price shown on 定价 is exactly the one an order is charged (effectiveUnitPrice):
 * set, with an end date still ahead. A beta price without an end date is not applied anywhere.
 */
export function betaNow(p: { betaPriceFen: number | null; betaEndsAt: Date | null }, now: Date): { betaPriceFen: number | null; betaEndsAt: Date | null } {
  const { inBeta, unitPriceFen } = effectiveUnitPrice({ unitPriceFen: 0, ...p }, now);
  return inBeta ? { betaPriceFen: unitPriceFen, betaEndsAt: p.betaEndsAt } : { betaPriceFen: null, betaEndsAt: null };
}

/** The earliest end among the tiers still in beta (the 公测截止时间 to announce), or null when none is. */
export function betaEnd(tables: PriceTable[]): Date | null {
  const ends = tables.flatMap((t) => t.rows.map((r) => r.betaEndsAt)).filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
}

/** Whether every listed tier of a table is free during the beta. */
export function allFree(t: PriceTable): boolean {
  return t.rows.length > 0 && t.rows.every((r) => r.betaPriceFen === 0);
}
