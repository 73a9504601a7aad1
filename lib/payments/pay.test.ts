import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { balanceLedger, coupons, orders, quotaPacks, users, vouchers } from "@/db/schema";
import { createOrder } from "@/lib/orders/create";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { payWithBalance, paymentOptions } from "./pay";
import { creditBalance, issueCoupon, issueVoucher, walletOf } from "./wallet";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

async function setup(opts: { verified?: boolean; balanceFen?: number; items?: { tier: number; quantity: number }[] } = {}) {
  const user = await makeUser(db, { verified: opts.verified ?? true, balanceFen: opts.balanceFen ?? 1_000_000 });
  const { app } = await makeApp(db, user.id);
  const res = await createOrder(db, user.id, {
    appId: app.id,
    api: "general",
    items: opts.items ?? [{ tier: 1000, quantity: 1 }, { tier: 100000, quantity: 1 }],
  });
  if (!res.ok) throw new Error(res.message);
  return { user, app, order: res.value };
}

async function snapshot(userId: string, orderId: string, appId: string) {
  const [u] = await db.select({ b: users.balanceFen }).from(users).where(eq(users.id, userId));
  const [o] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(quotaPacks).where(eq(quotaPacks.appId, appId));
  const [{ l }] = await db.select({ l: sql<number>`count(*)::int` }).from(balanceLedger).where(eq(balanceLedger.userId, userId));
  const vs = await db.select({ used: vouchers.usedOrderId }).from(vouchers).where(eq(vouchers.userId, userId));
  const cs = await db.select({ used: coupons.usedOrderId }).from(coupons).where(eq(coupons.userId, userId));
  return { balance: u!.b, status: o!.status, packs: n, ledger: l, vouchersUsed: vs.filter((v) => v.used).length, couponsUsed: cs.filter((c) => c.used).length };
}

describe("payWithBalance", () => {
  it("pays the manual's example: debits once, activates one pack per unit valid a year, writes the ledger", async () => {
    const { user, app, order } = await setup();
    const now = new Date();
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id, now });
    expect(res.ok).toBe(true);
    const s = await snapshot(user.id, order.id, app.id);
    expect(s).toMatchObject({ balance: 1_000_000 - order.totalFen, status: "已完成", packs: 2 });
    const packs = await db.select().from(quotaPacks).where(eq(quotaPacks.orderId, order.id));
    expect(packs.map((p) => p.callsTotal).reduce((a, b) => a + b, 0)).toBe(101_000);
    for (const p of packs) {
      expect(p.source).toBe("order");
      expect(p.expiresAt.getTime() - p.startsAt.getTime()).toBe(365 * 24 * 3600 * 1000);
    }
    const w = await walletOf(db, user.id);
    expect(w.ledger[0]).toMatchObject({ kind: "payment", deltaFen: -order.totalFen, balanceAfterFen: 1_000_000 - order.totalFen, orderId: order.id });
  });

  it("one pack per unit bought", async () => {
    const { user, order } = await setup({ items: [{ tier: 10000, quantity: 3 }] });
    expect((await payWithBalance(db, { userId: user.id, orderId: order.id })).ok).toBe(true);
    const packs = await db.select().from(quotaPacks).where(eq(quotaPacks.orderId, order.id));
    expect(packs.map((p) => p.callsTotal)).toEqual([10000, 10000, 10000]);
  });

  it("refuses a voucher together with a coupon, changing nothing", async () => {
    const { user, app, order } = await setup();
    const v = await issueVoucher(db, { userId: user.id, amountFen: 500, actorId: "test" });
    const c = await issueCoupon(db, { userId: user.id, kind: "percent", percentOff: 10, actorId: "test" });
    const before = await snapshot(user.id, order.id, app.id);
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id, voucherId: v.id, couponId: c.id });
    expect(res.ok === false && res.code).toBe("voucher_and_coupon");
    expect(await snapshot(user.id, order.id, app.id)).toEqual(before);
  });

  it("applies a voucher and marks it used", async () => {
    const { user, order } = await setup();
    const v = await issueVoucher(db, { userId: user.id, amountFen: 1000, actorId: "test" });
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id, voucherId: v.id });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.order).toMatchObject({ voucherFen: 1000, balanceFen: order.totalFen - 1000, couponFen: 0 });
    const [used] = await db.select().from(vouchers).where(eq(vouchers.id, v.id));
    expect(used!.usedOrderId).toBe(order.id);
    // a used voucher cannot pay a second order
    const second = await createOrder(db, user.id, { appId: order.appId, api: "general", items: [{ tier: 1000, quantity: 1 }] });
    if (!second.ok) throw new Error(second.message);
    const again = await payWithBalance(db, { userId: user.id, orderId: second.value.id, voucherId: v.id });
    expect(again.ok === false && again.code).toBe("voucher_unusable");
  });

  it("applies a percentage coupon (rounded down) and refuses one below its threshold", async () => {
    const { user, order } = await setup();
    const high = await issueCoupon(db, { userId: user.id, kind: "amount", thresholdFen: order.totalFen + 1, amountOffFen: 100, actorId: "test" });
    const refused = await payWithBalance(db, { userId: user.id, orderId: order.id, couponId: high.id });
    expect(refused.ok === false && refused.code).toBe("coupon_unusable");
    const c = await issueCoupon(db, { userId: user.id, kind: "percent", percentOff: 15, actorId: "test" });
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id, couponId: c.id });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.order.couponFen).toBe(Math.floor((order.totalFen * 15) / 100));
  });

  it("refuses too little balance with nothing changed", async () => {
    const { user, app, order } = await setup({ balanceFen: 500 });
    const before = await snapshot(user.id, order.id, app.id);
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id });
    expect(res.ok === false && res.code).toBe("insufficient_balance");
    expect(await snapshot(user.id, order.id, app.id)).toEqual(before);
  });

  it("refuses an unverified account", async () => {
    const { user, app, order } = await setup({ verified: false });
    const before = await snapshot(user.id, order.id, app.id);
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id });
    expect(res.ok === false && res.code).toBe("unverified");
    expect(await snapshot(user.id, order.id, app.id)).toEqual(before);
  });

  it("charges once when ten pay requests for one order arrive together", async () => {
    const { user, app, order } = await setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => payWithBalance(db, { userId: user.id, orderId: order.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "not_payable")).toBe(true);
    const s = await snapshot(user.id, order.id, app.id);
    expect(s).toMatchObject({ balance: 1_000_000 - order.totalFen, status: "已完成", packs: 2, ledger: 1 });
  });

  it("never lets one customer read or pay another's order", async () => {
    const { user, app, order } = await setup();
    const other = await makeUser(db, { verified: true, balanceFen: 1_000_000 });
    expect(await paymentOptions(db, other.id, order.id)).toBeNull();
    const res = await payWithBalance(db, { userId: other.id, orderId: order.id });
    expect(res.ok === false && res.code).toBe("order_not_found");
    const [o] = await db.select().from(users).where(eq(users.id, other.id));
    expect(o!.balanceFen).toBe(1_000_000);
    expect((await snapshot(user.id, order.id, app.id)).status).toBe("待支付");
    // nor use another's voucher
    const v = await issueVoucher(db, { userId: other.id, amountFen: 500, actorId: "test" });
    const stolen = await payWithBalance(db, { userId: user.id, orderId: order.id, voucherId: v.id });
    expect(stolen.ok === false && stolen.code).toBe("voucher_unusable");
  });

  it("does not pay a cancelled order", async () => {
    const { user, order } = await setup();
    await db.update(orders).set({ status: "已取消" }).where(and(eq(orders.id, order.id)));
    const res = await payWithBalance(db, { userId: user.id, orderId: order.id });
    expect(res.ok === false && res.code).toBe("not_payable");
  });
});

describe("wallet", () => {
  it("credits a balance with a ledger entry and refuses a correction below zero", async () => {
    const u = await makeUser(db, { balanceFen: 100 });
    const ops = await makeUser(db, { role: "operator" });
    const res = await creditBalance(db, { userId: u.id, amountFen: 5000, actorId: ops.id, note: "补偿" });
    expect(res.ok && res.value.balanceFen).toBe(5100);
    const bad = await creditBalance(db, { userId: u.id, amountFen: -10_000, actorId: ops.id, note: "扣减" });
    expect(bad.ok).toBe(false);
    const w = await walletOf(db, u.id);
    expect(w.balanceFen).toBe(5100);
    expect(w.ledger).toHaveLength(1);
    expect(w.ledger[0]).toMatchObject({ kind: "credit", deltaFen: 5000, balanceAfterFen: 5100, note: "补偿" });
  });
});
