import type { DbOrTx } from "@/db";
import { ALERT_KINDS, alertRules } from "@/db/schema";
import { newId } from "@/lib/id";

/** Sensible rules, on by default for every new application. */
export const DEFAULT_RULES: Record<(typeof ALERT_KINDS)[number], number> = {
  quota_low_percent: 10, // remaining below 10 % of active packs
  quota_low_calls: 100, // remaining below 100 calls
  quota_exhausted: 0,
  pack_expiring: 7, // a pack expires within 7 days
  error_rate: 20, // more than 20 % failed calls over 5 minutes
  latency_p95: 3000, // p95 above 3000 ms over 5 minutes
  sign_failures: 20, // more than 20 signature failures in 5 minutes
  daily_cap: 80, // an API's calls today reach 80 % of the application's daily cap (and again at 100 %)
};

export async function ensureDefaultAlertRules(db: DbOrTx, appId: string): Promise<void> {
  await db
    .insert(alertRules)
    .values(ALERT_KINDS.map((kind) => ({ id: newId("rul"), appId, kind, threshold: DEFAULT_RULES[kind] })))
    .onConflictDoNothing();
}
