import { eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { freeClaims, quotaPacks, settings, users, type ApiKindColumn, type QuotaPack } from "@/db/schema";
import { getApp } from "@/lib/apps/queries";
import { newId } from "@/lib/id";
import { DEFAULT_SETTINGS } from "@/lib/pricing/defaults";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { addDays } from "./grant";

/**
 * The free quota operators set (settings free_quota_calls / free_quota_days). calls = 0 means
 * the free quota is switched off (only a missing or malformed value falls back to the default).
 */
export async function freeQuotaTerms(db: DbOrTx): Promise<{ calls: number; days: number }> {
  const rows = await db.select().from(settings).where(inArray(settings.key, ["free_quota_calls", "free_quota_days"]));
  const read = (key: string, min: number) => {
    const n = Number(rows.find((r) => r.key === key)?.value ?? DEFAULT_SETTINGS[key]);
    return Number.isInteger(n) && n >= min ? n : Number(DEFAULT_SETTINGS[key]);
  };
  return { calls: read("free_quota_calls", 0), days: read("free_quota_days", 1) };
}

/** The APIs whose free quota this account (or another account of the same person) has claimed. */
export async function claimedFreeApis(db: DbOrTx, userId: string): Promise<Set<ApiKindColumn>> {
  const [u] = await db.select({ fp: users.idFingerprint }).from(users).where(eq(users.id, userId));
  const people = [`user:${userId}`, ...(u?.fp ? [u.fp] : [])];
  const rows = await db.select({ api: freeClaims.api, userId: freeClaims.userId, person: freeClaims.person }).from(freeClaims).where(inArray(freeClaims.person, people));
  const mine = await db.select({ api: freeClaims.api }).from(freeClaims).where(eq(freeClaims.userId, userId));
  return new Set([...rows, ...mine].map((r) => r.api));
}

export type ClaimFailure = "app_not_found" | "already_claimed" | "not_verified" | "free_off";

/**
 * 领取免费额度: once per real-name-verified PERSON and API — not per application, and not per
 * account: free_claims has one row per (ID fingerprint, API) and one per (account, API), so a
 * second application, a second account of the same person, or two concurrent clicks insert
 * nothing. Needs 实名认证; a free size of 0 (set in /ops) switches it off.
 */
export async function claimFreeQuota(
  db: DbOrTx,
  userId: string,
  appId: string,
  api: ApiKindColumn,
  now = new Date(),
): Promise<Result<QuotaPack, ClaimFailure>> {
  const app = await getApp(db, userId, appId);
  if (!app) return fail("app_not_found");
  const [u] = await db.select({ fp: users.idFingerprint, verifiedAt: users.verifiedAt }).from(users).where(eq(users.id, userId));
  if (!u?.verifiedAt || !u.fp) return fail("not_verified");
  const { calls, days } = await freeQuotaTerms(db);
  if (calls === 0) return fail("free_off");
  const person = u.fp;
  return (db as Db).transaction(async (tx) => {
    const [claim] = await tx.insert(freeClaims).values({ person, api, userId, appId: app.id, createdAt: now }).onConflictDoNothing().returning();
    if (!claim) return fail("already_claimed");
    const [pack] = await tx
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
      .returning();
    return ok(pack!);
  });
}
