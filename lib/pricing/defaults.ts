import type { DbOrTx } from "@/db";
import { prices, settings } from "@/db/schema";
import type { ApiKind } from "@/lib/engine/types";
import { DEFAULT_PRICES_FEN, TIERS } from "./tiers";

export const DEFAULT_SETTINGS: Record<string, string> = {
  free_quota_calls: "1000",
  free_quota_days: "365",
  /** live applications per account (operators change it in /ops/prices) */
  max_apps_per_account: "50",
};

/** Inserts the default price table and settings where missing; never overwrites an operator's change. */
export async function ensureDefaults(db: DbOrTx): Promise<void> {
  const rows = (Object.keys(DEFAULT_PRICES_FEN) as ApiKind[]).flatMap((api) =>
    TIERS.map((tier) => ({ api, tier, unitPriceFen: DEFAULT_PRICES_FEN[api][tier] })),
  );
  await db.insert(prices).values(rows).onConflictDoNothing();
  await db
    .insert(settings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing();
}
