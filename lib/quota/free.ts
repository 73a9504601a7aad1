import { and, asc, eq, inArray, isNotNull, like, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { freeClaims, quotaPacks, settings, users, type ApiKindColumn, type QuotaPack } from "@/db/schema";
import { fingerprintOfHash, isUniqueViolation } from "@/lib/accounts/fingerprint";
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

/**
 * Free quota claimed before the per-person rule was back-filled by db/migrations/0005 as
 * `user:<account id>` (the person was unknown in SQL). Such a row blocks its own account, but
 * not the person: two accounts verified with one ID number before the unique index (a legacy
 * plain sha-256 on both) each claimed once, and once db:migrate moved the older one to a
 * keyed fingerprint, that account could claim again every API only the other had claimed.
 * This moves each legacy row to its account's fingerprint (or, for an account whose legacy
 * hash stayed because another account holds the number, the fingerprint of that hash), oldest
 * claim first, unless the person already holds a row for the API — then the legacy row stays
 * and still blocks its account. Run by db:migrate after moveLegacyIdHashes; idempotent.
 * `withKey: false` (no server key in this process) moves only rows of accounts with a
 * fingerprint already. Returns how many rows moved.
 */
export async function rekeyLegacyFreeClaims(db: DbOrTx, opts: { withKey?: boolean } = {}): Promise<number> {
  const withKey = opts.withKey ?? true;
  const rows = await db
    .select({ person: freeClaims.person, api: freeClaims.api, fp: users.idFingerprint, hash: users.idNumberHash })
    .from(freeClaims)
    .innerJoin(users, eq(users.id, freeClaims.userId))
    .where(and(like(freeClaims.person, "user:%"), withKey ? or(isNotNull(users.idFingerprint), isNotNull(users.idNumberHash)) : isNotNull(users.idFingerprint)))
    .orderBy(asc(freeClaims.createdAt), asc(freeClaims.userId));
  let moved = 0;
  for (const r of rows) {
    const person = r.fp ?? fingerprintOfHash(r.hash!);
    try {
      const done = await db
        .update(freeClaims)
        .set({ person })
        .where(
          and(
            eq(freeClaims.person, r.person),
            eq(freeClaims.api, r.api),
            sql`not exists (select 1 from free_claims f where f.person = ${person} and f.api = ${r.api})`,
          ),
        )
        .returning({ api: freeClaims.api });
      moved += done.length;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // the person claimed this API at this very moment: the legacy row stays
    }
  }
  return moved;
}
