import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quotaPacks } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { appCapabilities } from "@/lib/apps/capabilities";
import { claimFreeQuota, freeQuotaTerms } from "./free";

const NOW = new Date("2026-03-01T08:00:00Z");

describe.runIf(process.env.DATABASE_URL)("claimFreeQuota", () => {
  it("grants the configured free pack once per application and API", async () => {
    const db = await testDb();
    const u = await makeUser(db, { verified: true });
    const { app } = await makeApp(db, u.id);
    const terms = await freeQuotaTerms(db);

    const first = await claimFreeQuota(db, u.id, app.id, "general", NOW);
    expect(first.ok).toBe(true);
    if (first.ok) {
      expect(first.value.callsTotal).toBe(terms.calls);
      expect(first.value.expiresAt.getTime() - NOW.getTime()).toBe(terms.days * 24 * 3600_000);
    }
    const second = await claimFreeQuota(db, u.id, app.id, "general", NOW);
    expect(second.ok ? "ok" : second.code).toBe("already_claimed");

    // concurrent claims on another API: exactly one pack
    const both = await Promise.all([
      claimFreeQuota(db, u.id, app.id, "plate", NOW),
      claimFreeQuota(db, u.id, app.id, "plate", NOW),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const plate = await db
      .select()
      .from(quotaPacks)
      .where(and(eq(quotaPacks.appId, app.id), eq(quotaPacks.api, "plate")));
    expect(plate).toHaveLength(1);

    const caps = await appCapabilities(db, app.id, NOW);
    expect(caps.map((c) => [c.api, c.status, c.freeClaimed])).toEqual([
      ["general", "已开通", true],
      ["idcard", "待付费", false],
      ["plate", "已开通", true],
    ]);
    expect(caps[0]!.remaining).toBe(terms.calls);
  });

  it("refuses another customer's application", async () => {
    const db = await testDb();
    const owner = await makeUser(db, { verified: true });
    const other = await makeUser(db, { verified: true });
    const { app } = await makeApp(db, owner.id);
    const r = await claimFreeQuota(db, other.id, app.id, "idcard", NOW);
    expect(r.ok ? "ok" : r.code).toBe("app_not_found");
    const packs = await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id));
    expect(packs).toHaveLength(0);
  });
});
