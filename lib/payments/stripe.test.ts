import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { checkoutSessions, orders, quotaPacks, stripeEvents, users, vouchers } from "@/db/schema";
import { createOrder } from "@/lib/orders/create";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { createOrderCheckout, createTopupCheckout, type CheckoutApi } from "./stripe";
import { issueVoucher, walletOf } from "./wallet";

const SECRET = "whsec_test_secret_for_vitest";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;

let db: Db;
let POST: (req: Request) => Promise<Response>;
beforeAll(async () => {
  db = await testDb();
  ({ POST } = await import("@/app/api/stripe/webhook/route"));
});

/** A stand-in for stripe.checkout.sessions: records the parameters, never calls the network. */
function fakeStripe() {
  const created: Stripe.Checkout.SessionCreateParams[] = [];
  const api: CheckoutApi = {
    checkout: {
      sessions: {
        create: async (p) => {
          created.push(p);
          const id = `cs_test_${Math.random().toString(36).slice(2)}`;
          return { id, url: `https://checkout.stripe.test/${id}` };
        },
      },
    },
  };
  return { api, created };
}

let seq = 0;
function completedEvent(sessionId: string, amountTotal: number | string, id = `evt_test_${Date.now()}_${seq++}`) {
  return { id, object: "event", type: "checkout.session.completed", data: { object: { id: sessionId, object: "checkout.session", amount_total: amountTotal, payment_status: "paid" } } };
}

function deliver(payload: object, secret = SECRET): Promise<Response> {
  const body = JSON.stringify(payload);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  return POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", body, headers: { "stripe-signature": header, "content-type": "application/json" } }));
}

describe("stripe webhook", () => {
  it("refuses a bad signature", async () => {
    const res = await deliver(completedEvent("cs_x", 100), "whsec_wrong");
    expect(res.status).toBe(400);
  });

  it("tops up once when the same event is delivered twice", async () => {
    const u = await makeUser(db, { balanceFen: 0 });
    const { api, created } = fakeStripe();
    const res = await createTopupCheckout(db, api, { userId: u.id, amountFen: 50_000, baseUrl: "http://x" });
    if (!res.ok) throw new Error(res.message);
    expect(created[0]!.line_items![0]!.price_data!.unit_amount).toBe(50_000);
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, u.id));
    const evt = completedEvent(row!.id, 50_000);
    expect((await deliver(evt)).status).toBe(200);
    expect((await deliver(evt)).status).toBe(200);
    const w = await walletOf(db, u.id);
    expect(w.balanceFen).toBe(50_000);
    expect(w.ledger).toHaveLength(1);
    expect(w.ledger[0]).toMatchObject({ kind: "topup", deltaFen: 50_000, balanceAfterFen: 50_000 });
  });

  it("answers 500 when applying fails, records nothing, and applies on the retry", async () => {
    const u = await makeUser(db, { balanceFen: 0 });
    const { api } = fakeStripe();
    await createTopupCheckout(db, api, { userId: u.id, amountFen: 1000, baseUrl: "http://x" });
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.userId, u.id));
    const bad = completedEvent(row!.id, "not-a-number");
    expect((await deliver(bad)).status).toBe(500);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, bad.id))).toHaveLength(0);
    expect((await walletOf(db, u.id)).balanceFen).toBe(0);
    const good = { ...completedEvent(row!.id, 1000), id: bad.id };
    expect((await deliver(good)).status).toBe(200);
    expect((await walletOf(db, u.id)).balanceFen).toBe(1000);
  });

  it("pays an order's remainder by card (voucher kept on the order) and activates its packs once", async () => {
    const u = await makeUser(db, { verified: true, balanceFen: 0 });
    const { app } = await makeApp(db, u.id);
    const o = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }, { tier: 100000, quantity: 1 }] });
    if (!o.ok) throw new Error(o.message);
    const v = await issueVoucher(db, { userId: u.id, amountFen: 700, actorId: "test" });
    const { api, created } = fakeStripe();
    const res = await createOrderCheckout(db, api, { userId: u.id, orderId: o.value.id, voucherId: v.id, baseUrl: "http://x" });
    if (!res.ok) throw new Error(res.message);
    expect(created[0]!.line_items![0]!.price_data!.unit_amount).toBe(o.value.totalFen - 700);
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.orderId, o.value.id));
    const evt = completedEvent(row!.id, o.value.totalFen - 700);
    expect((await deliver(evt)).status).toBe(200);
    expect((await deliver(evt)).status).toBe(200);
    const [paid] = await db.select().from(orders).where(eq(orders.id, o.value.id));
    expect(paid).toMatchObject({ status: "已完成", cardFen: o.value.totalFen - 700, voucherFen: 700, balanceFen: 0 });
    expect(await db.select().from(quotaPacks).where(eq(quotaPacks.orderId, o.value.id))).toHaveLength(2);
    const [vv] = await db.select().from(vouchers).where(eq(vouchers.id, v.id));
    expect(vv!.usedOrderId).toBe(o.value.id);
    const [uu] = await db.select().from(users).where(eq(users.id, u.id));
    expect(uu!.balanceFen).toBe(0);
  });

  it("credits the balance when the order was cancelled before the card payment arrived", async () => {
    const u = await makeUser(db, { verified: true, balanceFen: 0 });
    const { app } = await makeApp(db, u.id);
    const o = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] });
    if (!o.ok) throw new Error(o.message);
    const { api } = fakeStripe();
    await createOrderCheckout(db, api, { userId: u.id, orderId: o.value.id, baseUrl: "http://x" });
    await db.update(orders).set({ status: "已取消" }).where(eq(orders.id, o.value.id));
    const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.orderId, o.value.id));
    expect((await deliver(completedEvent(row!.id, o.value.totalFen))).status).toBe(200);
    const w = await walletOf(db, u.id);
    expect(w.balanceFen).toBe(o.value.totalFen);
    expect(w.ledger[0]!.kind).toBe("refund");
    expect(await db.select().from(quotaPacks).where(eq(quotaPacks.orderId, o.value.id))).toHaveLength(0);
  });

  it("refuses card checkout for an unverified account without calling Stripe", async () => {
    const u = await makeUser(db, { verified: false });
    const { app } = await makeApp(db, u.id);
    const o = await createOrder(db, u.id, { appId: app.id, api: "general", items: [{ tier: 1000, quantity: 1 }] });
    if (!o.ok) throw new Error(o.message);
    const { api, created } = fakeStripe();
    const res = await createOrderCheckout(db, api, { userId: u.id, orderId: o.value.id, baseUrl: "http://x" });
    expect(res.ok === false && res.code).toBe("unverified");
    expect(created).toHaveLength(0);
  });
});
