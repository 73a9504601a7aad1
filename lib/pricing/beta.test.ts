import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { prices, settings } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { betaEndAYearAhead, betaView, DEMO_BETA_KEY, seedPublicBeta, unseedPublicBeta } from "./beta";

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back, so the shared price table stays as other tests expect. */
async function rolledBack(db: Db, fn: (tx: Db) => Promise<void>): Promise<void> {
  await db
    .transaction(async (tx) => {
      await fn(tx as unknown as Db);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe("betaEndAYearAhead", () => {
  it("ends at 23:59:59 Beijing time a year on", () => {
    expect(betaEndAYearAhead(new Date("2026-11-29T06:00:00Z")).toISOString()).toBe("2027-11-29T15:59:59.000Z");
  });
});

describe("betaView", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it.each([
    { name: "free beta", p: { unitPriceFen: 1000, betaPriceFen: 0, betaEndsAt: new Date("2027-01-01T00:00:00Z") }, want: { inBeta: true, free: true, nowFen: 0, afterFen: 1000 } },
    { name: "paid beta", p: { unitPriceFen: 1000, betaPriceFen: 500, betaEndsAt: new Date("2027-01-01T00:00:00Z") }, want: { inBeta: true, free: false, nowFen: 500, afterFen: 1000 } },
    { name: "beta over: list price", p: { unitPriceFen: 1000, betaPriceFen: 0, betaEndsAt: new Date("2026-01-01T00:00:00Z") }, want: { inBeta: false, free: false, nowFen: 1000, afterFen: 1000 } },
    { name: "no beta", p: { unitPriceFen: 1000, betaPriceFen: null, betaEndsAt: null }, want: { inBeta: false, free: false, nowFen: 1000, afterFen: 1000 } },
  ])("$name", ({ p, want }) => {
    expect(betaView(p, now)).toMatchObject(want);
  });
});

describe("seedPublicBeta", () => {
  it("makes every tier free for a year, once; an operator's later change survives the next seed", async () => {
    const now = new Date("2026-11-29T06:00:00Z");
    await rolledBack(db, async (tx) => {
      await tx.delete(settings).where(eq(settings.key, DEMO_BETA_KEY));
      await tx.update(prices).set({ betaPriceFen: null, betaEndsAt: null });
      const first = await seedPublicBeta(tx, now);
      expect(first.seeded).toBe(true);
      const all = await tx.select().from(prices);
      expect(all.length).toBeGreaterThanOrEqual(15);
      for (const p of all) {
        expect(p.betaPriceFen).toBe(0);
        expect(p.betaEndsAt?.toISOString()).toBe("2027-11-29T15:59:59.000Z");
        expect(p.unitPriceFen).toBeGreaterThan(0); // the list price stays for after the beta
      }
      // the operator ends the beta of one tier; seeding again does not bring it back
      const one = and(eq(prices.api, "general"), eq(prices.tier, 1000));
      await tx.update(prices).set({ betaPriceFen: null, betaEndsAt: null }).where(one);
      expect((await seedPublicBeta(tx, now)).seeded).toBe(false);
      const [after] = await tx.select().from(prices).where(one);
      expect(after!.betaPriceFen).toBeNull();
      // tests undo it: the seeded tiers go back to list prices and the next seed applies it again
      expect(await unseedPublicBeta(tx)).toBe(true);
      expect((await tx.select().from(prices)).every((p) => p.betaPriceFen === null)).toBe(true);
      expect((await seedPublicBeta(tx, now)).seeded).toBe(true);
    });
  });
});
