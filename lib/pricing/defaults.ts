import type { DbOrTx } from "@/db";
import { prices, settings } from "@/db/schema";
import { API_LIST } from "@/lib/catalogue/apis";

export const DEFAULT_SETTINGS: Record<string, string> = {
  free_quota_calls: "1000",
  free_quota_days: "365",
  /** live applications per account (operators change it in /ops/prices) */
  max_apps_per_account: "50",
};

/** Inserts the default price table and settings where missing; never overwrites an operator's change. */
export async function ensureDefaults(db: DbOrTx): Promise<void> {
  const rows = API_LIST.flatMap((a) => a.tiers.map((tier) => ({ api: a.kind, tier, unitPriceFen: a.defaultPricesFen[tier] })));
  await db.insert(prices).values(rows).onConflictDoNothing();
  await db
    .insert(settings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing();
}
