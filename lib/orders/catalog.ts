import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { effectiveUnitPrice } from "@/lib/pricing/quote";
import { TIERS } from "@/lib/catalogue/apis";

export interface TierOffer {
  tier: number;
  /** the price that applies now (the beta price while the beta runs) */
  unitPriceFen: number;
  listPriceFen: number;
  inBeta: boolean;
  betaEndsAt: Date | null;
}

/** 选择配置: the five tiers of one API with the prices that apply at `now` (from the prices table). */
export async function tierOffers(db: DbOrTx, api: ApiKind, now: Date): Promise<TierOffer[]> {
  const rows = await db.select().from(prices).where(eq(prices.api, api));
  const byTier = new Map(rows.map((r) => [r.tier, r]));
  return TIERS.filter((t) => byTier.has(t)).map((tier) => {
    const r = byTier.get(tier)!;
    const eff = effectiveUnitPrice(r, now);
    return { tier, unitPriceFen: eff.unitPriceFen, listPriceFen: r.unitPriceFen, inBeta: eff.inBeta, betaEndsAt: r.betaEndsAt };
  });
}
