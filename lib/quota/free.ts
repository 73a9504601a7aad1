import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { quotaPacks, settings, type ApiKindColumn, type QuotaPack } from "@/db/schema";
import { getApp } from "@/lib/apps/queries";
import { newId } from "@/lib/id";
import { DEFAULT_SETTINGS } from "@/lib/pricing/defaults";
import { err, ok, type Result } from "@/lib/result";
import { addDays } from "./grant";

/** The free quota operators set (settings free_quota_calls / free_quota_days). */
export async function freeQuotaTerms(db: DbOrTx): Promise<{ calls: number; days: number }> {
  const rows = await db.select().from(settings).where(inArray(settings.key, ["free_quota_calls", "free_quota_days"]));
  const read = (key: string) => {
    const n = Number(rows.find((r) => r.key === key)?.value ?? DEFAULT_SETTINGS[key]);
    return Number.isInteger(n) && n > 0 ? n : Number(DEFAULT_SETTINGS[key]);
  };
  return { calls: read("free_quota_calls"), days: read("free_quota_days") };
}

export type ClaimFailure = "not_found" | "already_claimed";

/**
 * 领取免费额度: one free pack per application and API, ever. The unique partial index
 * quota_packs_one_free makes a second claim (even a concurrent one) insert nothing.
 */
export async function claimFreeQuota(
  db: DbOrTx,
  userId: string,
  appId: string,
  api: ApiKindColumn,
  now = new Date(),
): Promise<Result<QuotaPack, ClaimFailure>> {
  const app = await getApp(db, userId, appId);
  if (!app) return err("not_found", "应用不存在或已删除");
  const { calls, days } = await freeQuotaTerms(db);
  const [pack] = await db
    .insert(quotaPacks)
    .values({
      id: newId("pck"),
      appId: app.id,
      api,
      tier: calls,
      callsTotal: calls,
      source: "free",
      startsAt: now,
      expiresAt: addDays(now, days),
    })
    .onConflictDoNothing()
    .returning();
  if (!pack) return err("already_claimed", "该接口的免费额度已领取过");
  return ok(pack);
}
