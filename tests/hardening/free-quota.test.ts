import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { MIGRATIONS_DIR } from "@/db";
import { freeClaims, quotaPacks, settings, users } from "@/db/schema";
import { moveLegacyIdHashes } from "@/lib/accounts/fingerprint";
import { sha256Hex } from "@/lib/crypto";
import { newId } from "@/lib/id";
import { verifyRealName } from "@/lib/accounts/verify";
import { createApp } from "@/lib/apps/create";
import { makeIdn } from "@/lib/idcard/checksum";
import { claimFreeQuota, freeQuotaTerms, rekeyLegacyFreeClaims } from "@/lib/quota/free";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

/** Runs `fn` with a setting changed, and puts the old value back. */
async function withSetting<T>(key: string, value: string, fn: () => Promise<T>): Promise<T> {
  const [old] = await db.select().from(settings).where(eq(settings.key, key));
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  try {
    return await fn();
  } finally {
    if (old) await db.update(settings).set({ value: old.value }).where(eq(settings.key, key));
    else await db.delete(settings).where(eq(settings.key, key));
  }
}

const code = (r: { ok: boolean; code?: string }) => (r.ok ? "ok" : r.code);

describe.runIf(process.env.DATABASE_URL)("free quota cannot be multiplied", () => {
  it("needs 实名认证", async () => {
    const u = await makeUser(db);
    const { app } = await makeApp(db, u.id);
    expect(code(await claimFreeQuota(db, u.id, app.id, "general"))).toBe("not_verified");
    expect(await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id))).toHaveLength(0);
  });

  it("is granted once per account and API, not once per application", async () => {
    const u = await makeUser(db, { verified: true });
    const apps = await Promise.all([makeApp(db, u.id), makeApp(db, u.id), makeApp(db, u.id)]);
    const results = await Promise.all(apps.map((a) => claimFreeQuota(db, u.id, a.app.id, "general")));
    expect(results.map(code).sort()).toEqual(["already_claimed", "already_claimed", "ok"]);
    expect(code(await claimFreeQuota(db, u.id, apps[0]!.app.id, "idcard"))).toBe("ok");
  });

  it("a second account of the same person gets none", async () => {
    const idn = makeIdn("110105", "19850607", Math.floor(Math.random() * 999), "男");
    const first = await makeUser(db);
    const second = await makeUser(db);
    expect(code(await verifyRealName(db, first.id, { realName: "周九", idNumber: idn }))).toBe("ok");
    const a1 = await makeApp(db, first.id);
    expect(code(await claimFreeQuota(db, first.id, a1.app.id, "plate"))).toBe("ok");
    expect(code(await verifyRealName(db, second.id, { realName: "周九", idNumber: idn }))).toBe("id_in_use");
    const a2 = await makeApp(db, second.id);
    expect(code(await claimFreeQuota(db, second.id, a2.app.id, "plate"))).toBe("not_verified");
  });

  it("a free size of 0 in /ops switches it off (it used to fall back to 1000)", async () => {
    const u = await makeUser(db, { verified: true });
    const { app } = await makeApp(db, u.id);
    await withSetting("free_quota_calls", "0", async () => {
      expect((await freeQuotaTerms(db)).calls).toBe(0);
      expect(code(await claimFreeQuota(db, u.id, app.id, "general"))).toBe("free_off");
    });
    expect(await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id))).toHaveLength(0);
  });

  it("caps the applications of an account (operator setting), even when created in parallel", async () => {
    const u = await makeUser(db);
    await withSetting("max_apps_per_account", "2", async () => {
      const tries = await Promise.all(Array.from({ length: 5 }, (_, i) => createApp(db, u.id, { name: `上限测试${i}`, description: "" })));
      expect(tries.filter((r) => r.ok)).toHaveLength(2);
      expect(tries.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.code))).toEqual(Array(3).fill("too_many_apps"));
    });
  });

  it("a claim from before the per-person rule counts for the person after db:migrate", async () => {
    // Before the unique index, two accounts of one person were verified with one number
    // (plain sha-256 kept), and each claimed a free quota under the old once-per-app rule.
    const idn = makeIdn("310104", "19790312", Math.floor(Math.random() * 999), "女");
    const older = await makeUser(db);
    const newer = await makeUser(db);
    const t0 = Date.now() - 60_000;
    await db.update(users).set({ idNumberHash: sha256Hex(idn), verifiedAt: new Date(t0) }).where(eq(users.id, older.id));
    await db.update(users).set({ idNumberHash: sha256Hex(idn), verifiedAt: new Date(t0 + 1000) }).where(eq(users.id, newer.id));
    const appOlder = await makeApp(db, older.id);
    const appNewer = await makeApp(db, newer.id);
    const legacyPack = (appId: string, api: "general" | "idcard") =>
      db.insert(quotaPacks).values({ id: newId("pck"), appId, api, tier: 1000, callsTotal: 1000, source: "free", startsAt: new Date(t0), expiresAt: new Date(t0 + 30 * 86_400_000) });
    await legacyPack(appNewer.app.id, "idcard"); // only the newer account claimed 身份证识别
    await legacyPack(appOlder.app.id, "general");
    // db/migrations/0005's back-fill, as shipped
    const backfill = fs.readFileSync(path.join(MIGRATIONS_DIR, "0005_hardening_backfill.sql"), "utf8").split("--> statement-breakpoint").find((x) => x.includes('INSERT INTO "free_claims"'))!;
    await db.execute(sql.raw(backfill));
    // db:migrate: the older account's number moves to its keyed fingerprint, then the claims
    await moveLegacyIdHashes(db);
    await rekeyLegacyFreeClaims(db);

    // the person claimed 身份证识别 (on the newer account): the older one may not claim it again
    expect(code(await claimFreeQuota(db, older.id, appOlder.app.id, "idcard"))).toBe("already_claimed");
    expect(code(await claimFreeQuota(db, older.id, appOlder.app.id, "general"))).toBe("already_claimed");
    expect(code(await claimFreeQuota(db, older.id, appOlder.app.id, "plate"))).toBe("ok");
    expect(code(await claimFreeQuota(db, newer.id, appNewer.app.id, "plate"))).toBe("not_verified");
    const rows = await db.select().from(freeClaims).where(and(eq(freeClaims.userId, newer.id), eq(freeClaims.api, "idcard")));
    expect(rows.map((r) => r.person)).toEqual([(await db.select().from(users).where(eq(users.id, older.id)))[0]!.idFingerprint]);
    expect(await rekeyLegacyFreeClaims(db)).toBe(0); // idempotent
  });
});
