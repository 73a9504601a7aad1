import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices, settings } from "@/db/schema";
import { effectiveUnitPrice, type PriceRow } from "./quote";

/** The settings key that records that the demo's public beta was seeded once (so an operator's later change stays). */
export const DEMO_BETA_KEY = "demo_public_beta_seeded";

/** One year after `now`, at 23:59:59 Asia/Shanghai (15:59:59 UTC) — the manual's 公测截止时间 shape. */
export function betaEndAYearAhead(now: Date): Date {
  const end = new Date(now.getTime() + 365 * 86_400_000);
  return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate(), 15, 59, 59));
}

/**
 * The demo's public beta (公测): every tier free (¥0.00) until a year from now, as the manual's
 * screens show it. Runs once per database: only tiers without a beta are touched, and the
 * marker in settings keeps a later operator change (even clearing the beta) from being undone
 * by the next seed.
 */
export async function seedPublicBeta(db: DbOrTx, now = new Date()): Promise<{ seeded: boolean; endsAt: Date | null }> {
  return db.transaction(async (tx) => {
    const marked = await tx.insert(settings).values({ key: DEMO_BETA_KEY, value: now.toISOString() }).onConflictDoNothing().returning();
    if (!marked.length) return { seeded: false, endsAt: null };
    const endsAt = betaEndAYearAhead(now);
    await tx
      .update(prices)
      .set({ betaPriceFen: 0, betaEndsAt: endsAt, updatedAt: now })
      .where(and(isNull(prices.betaPriceFen), isNull(prices.betaEndsAt)));
    return { seeded: true, endsAt };
  });
}

/**
 * Undoes the demo's seeded beta (only the tiers still carrying the seeded end) and forgets the
 * marker, so the next seed applies it again. Integration tests call it: they price orders at
 * list prices, also on a database an e2e run seeded. One transaction: a concurrent caller
 * waits on the marker row and then finds nothing left to undo.
 */
export async function unseedPublicBeta(db: DbOrTx): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [marker] = await tx.delete(settings).where(eq(settings.key, DEMO_BETA_KEY)).returning();
    if (!marker) return false;
    const seededEnd = betaEndAYearAhead(new Date(marker.value));
    await tx.update(prices).set({ betaPriceFen: null, betaEndsAt: null }).where(and(eq(prices.betaPriceFen, 0), eq(prices.betaEndsAt, seededEnd)));
    return true;
  });
}

export interface BetaView {
  /** true while a beta price applies */
  inBeta: boolean;
  /** the beta price is ¥0.00 */
  free: boolean;
  /** the price that applies now */
  nowFen: number;
  /** the list price, which applies after the beta */
  afterFen: number;
  endsAt: Date | null;
}

/** How one tier's price reads on 定价, 产品 and 选择配置: 公测期间免费 (or the beta price) and the price after it. */
export function betaView(p: PriceRow, now: Date): BetaView {
  const eff = effectiveUnitPrice(p, now);
  return {
    inBeta: eff.inBeta,
    free: eff.inBeta && eff.unitPriceFen === 0,
    nowFen: eff.unitPriceFen,
    afterFen: p.unitPriceFen,
    endsAt: eff.inBeta ? p.betaEndsAt : null,
  };
}
