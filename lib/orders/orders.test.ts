import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { orderLines, orders, prices } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { cancelOrder, cancelStaleOrders } from "./cancel";
import { createOrder } from "./create";
import { ORDER_NUMBER_RE } from "./number";
import { getOrder, listOrders } from "./queries";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

describe("createOrder", () => {
  it("prices the manual's example from the prices table", async () => {
    const u = await makeUser(db, { verified: true });
    const { app } = await makeApp(db, u.id);
    const res = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }, { tier: 100000, quantity: 1 }] });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [p1k] = await db.select().from(prices).where(and(eq(prices.api, "general"), eq(prices.tier, 1000)));
    const [p100k] = await db.select().from(prices).where(and(eq(prices.api, "general"), eq(prices.tier, 100000)));
    expect(res.value.id).toMatch(ORDER_NUMBER_RE);
    expect(res.value.status).toBe("待支付");
    expect(res.value.productType).toBe("包周期新购");
    expect(res.value.totalFen).toBe(p1k!.unitPriceFen + p100k!.unitPriceFen);
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, res.value.id));
    expect(lines.map((l) => [l.tier, l.quantity]).sort((a, b) => a[0]! - b[0]!)).toEqual([[1000, 1], [100000, 1]]);
  });

  it("applies the beta price while the beta runs", async () => {
    const u = await makeUser(db);
    const { app } = await makeApp(db, u.id);
    const now = new Date();
    // plate/1000 is otherwise untouched by tests; restore it afterwards
    const [before] = await db.select().from(prices).where(and(eq(prices.api, "plate"), eq(prices.tier, 1000)));
    await db.update(prices).set({ betaPriceFen: 0, betaEndsAt: new Date(now.getTime() + 3600_000) }).where(and(eq(prices.api, "plate"), eq(prices.tier, 1000)));
    try {
      const inBeta = await createOrder(db, u.id, { appId: app.id, api: "plate", items: [{ tier: 1000, quantity: 2 }] }, now);
      const after = await createOrder(db, u.id, { appId: app.id, api: "plate", items: [{ tier: 1000, quantity: 2 }] }, new Date(now.getTime() + 7200_000));
      expect(inBeta.ok && inBeta.value.totalFen).toBe(0);
      expect(after.ok && after.value.totalFen).toBe(before!.unitPriceFen * 2);
    } finally {
      await db.update(prices).set({ betaPriceFen: before!.betaPriceFen, betaEndsAt: before!.betaEndsAt }).where(and(eq(prices.api, "plate"), eq(prices.tier, 1000)));
    }
  });

  it("refuses another customer's application", async () => {
    const a = await makeUser(db);
    const b = await makeUser(db);
    const { app } = await makeApp(db, a.id);
    const res = await createOrder(db, b.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] });
    expect(res.ok).toBe(false);
  });

  it("gives unique numbers to orders created in the same millisecond", async () => {
    const u = await makeUser(db);
    const { app } = await makeApp(db, u.id);
    const now = new Date();
    const made = await Promise.all(
      Array.from({ length: 30 }, () => createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] }, now)),
    );
    const ids = made.map((r) => (r.ok ? r.value.id : "fail"));
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => ORDER_NUMBER_RE.test(id))).toBe(true);
  });
});

describe("listing, scoping and cancelling", () => {
  it("scopes get and list to the owner", async () => {
    const a = await makeUser(db);
    const b = await makeUser(db);
    const { app } = await makeApp(db, a.id);
    const res = await createOrder(db, a.id, { appId: app.id, api: "idcard", items: [{ tier: 10000, quantity: 3 }] });
    if (!res.ok) throw new Error(res.message);
    expect((await getOrder(db, a.id, res.value.id))?.lines).toHaveLength(1);
    expect(await getOrder(db, b.id, res.value.id)).toBeNull();
    const listB = await listOrders(db, b.id, { status: "全部", q: "", page: 1 });
    expect(listB.rows.map((o) => o.id)).not.toContain(res.value.id);
    const found = await listOrders(db, a.id, { status: "待支付", q: res.value.id.slice(-8), page: 1 });
    expect(found.rows.map((o) => o.id)).toEqual([res.value.id]);
    expect((await cancelOrder(db, b.id, res.value.id)).ok).toBe(false);
    expect((await cancelOrder(db, a.id, res.value.id)).ok).toBe(true);
    expect((await cancelOrder(db, a.id, res.value.id)).ok).toBe(false);
    const cancelled = await listOrders(db, a.id, { status: "已取消", q: "", page: 1 });
    expect(cancelled.rows.map((o) => o.id)).toEqual([res.value.id]);
  });

  it("cancels an order left unpaid for 24 hours, not a younger one", async () => {
    const u = await makeUser(db);
    const { app } = await makeApp(db, u.id);
    const t0 = new Date("2030-01-01T00:00:00Z");
    const old = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] }, t0);
    const young = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] }, new Date(t0.getTime() + 3600_000));
    if (!old.ok || !young.ok) throw new Error("create failed");
    const almost = new Date(t0.getTime() + 24 * 3600_000 - 1);
    await cancelStaleOrders(db, almost, u.id);
    expect((await getOrder(db, u.id, old.value.id))?.status).toBe("待支付");
    const later = new Date(t0.getTime() + 24 * 3600_000 + 1);
    expect(await cancelStaleOrders(db, later, u.id)).toBe(1);
    const o = await getOrder(db, u.id, old.value.id);
    expect(o?.status).toBe("已取消");
    expect(o?.cancelReason).toContain("24 小时");
    expect((await getOrder(db, u.id, young.value.id))?.status).toBe("待支付");
    // the scheduled, all-customer run leaves nothing of this user's stale
    await cancelStaleOrders(db, later);
    const [row] = await db.select().from(orders).where(eq(orders.id, young.value.id));
    expect(row!.status).toBe("待支付");
  });
});
