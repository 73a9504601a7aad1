import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { API_LABELS, TIERS } from "@/lib/pricing/tiers";

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
export async function publicPriceTable(db: DbOrTx, now = new Date()): Promise<PriceTable[]> {
  const all = await db.select().from(prices).orderBy(asc(prices.api), asc(prices.tier));
  return (Object.keys(API_LABELS) as ApiKind[]).map((api) => ({
    api,
    label: API_LABELS[api],
    rows: all
      .filter((p) => p.api === api && (TIERS as readonly number[]).includes(p.tier))
      .map((p) => ({ tier: p.tier, unitPriceFen: p.unitPriceFen, ...betaNow(p, now) })),
  }));
}

/** The public-beta price applies while set and not ended (no end date: until an operator clears it). */
export function betaNow(
  p: { betaPriceFen: number | null; betaEndsAt: Date | null },
  now: Date,
): { betaPriceFen: number | null; betaEndsAt: Date | null } {
  const on = p.betaPriceFen !== null && (!p.betaEndsAt || p.betaEndsAt.getTime() > now.getTime());
  return on ? { betaPriceFen: p.betaPriceFen, betaEndsAt: p.betaEndsAt } : { betaPriceFen: null, betaEndsAt: null };
}
