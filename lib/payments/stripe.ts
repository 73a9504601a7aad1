import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, DbOrTx } from "@/db";
import { checkoutSessions, coupons, orders, stripeEvents, users, vouchers } from "@/db/schema";
import { env } from "@/lib/env";
import { quote } from "@/lib/pricing/quote";
import { ok, type Result } from "@/lib/result";
import { consoleMessage, fail } from "@/lib/console/errors";
import { PayError, type PayErrorCode } from "./errors";
import { couponTerms, settleOrder } from "./pay";
import { moveBalance } from "./wallet";

/** The subset of the Stripe client we call, so tests can pass a stand-in. */
export interface CheckoutApi {
  checkout: { sessions: { create: (p: Stripe.Checkout.SessionCreateParams) => Promise<{ id: string; url: string | null }> } };
}

/** A Stripe client when STRIPE_SECRET_KEY is set; null otherwise (card payment hidden, Stripe never called). */
export function stripeFromEnv(): Stripe | null {
  const key = env().STRIPE_SECRET_KEY;
  return key ? new Stripe(key) : null;
}

export function cardPaymentsEnabled(): boolean {
  return !!env().STRIPE_SECRET_KEY;
}

/** Verifies `Stripe-Signature` over the raw body; null when it does not match. */
export function verifyStripeEvent(rawBody: string, signature: string | null, secret: string): Stripe.Event | null {
  if (!signature) return null;
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return null;
  }
}

export const MIN_TOPUP_FEN = 100; // ¥1
export const MAX_TOPUP_FEN = 10_000_000; // ¥100,000

/**
 * 立即支付 by card: a Checkout Session for what is left after the voucher or coupon.
 * The chosen voucher/coupon is kept on the order and applied when the webhook arrives.
 */
export async function createOrderCheckout(
  db: Db,
  stripe: CheckoutApi,
  p: { userId: string; orderId: string; voucherId?: string | null; couponId?: string | null; baseUrl: string; now?: Date },
): Promise<Result<{ url: string }, PayErrorCode | "card_not_needed">> {
  const now = p.now ?? new Date();
  if (p.voucherId && p.couponId) return fail("voucher_and_coupon");
  const [order] = await db.select().from(orders).where(and(eq(orders.id, p.orderId), eq(orders.userId, p.userId)));
  if (!order) return fail("order_not_found");
  if (order.status !== "待支付") return fail("not_payable");
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user?.verifiedAt) return fail("unverified");
  const [v] = p.voucherId ? await db.select().from(vouchers).where(and(eq(vouchers.id, p.voucherId), eq(vouchers.userId, p.userId))) : [];
  if (p.voucherId && (!v || v.usedOrderId || v.expiresAt <= now)) return fail("voucher_unusable");
  const [c] = p.couponId ? await db.select().from(coupons).where(and(eq(coupons.id, p.couponId), eq(coupons.userId, p.userId))) : [];
  if (p.couponId && (!c || c.usedOrderId || c.expiresAt <= now)) return fail("coupon_unusable");
  const q = quote({ totalFen: order.totalFen, voucherFen: v?.amountFen ?? null, coupon: c ? couponTerms(c) : null, balanceFen: 0, method: "card" });
  if (q.cardFen <= 0) return fail("card_not_needed");

  await db
    .update(orders)
    .set({ voucherId: v?.id ?? null, couponId: c?.id ?? null, updatedAt: now })
    .where(and(eq(orders.id, order.id), eq(orders.status, "待支付")));
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    client_reference_id: p.userId,
    customer_email: user.email,
    line_items: [{ quantity: 1, price_data: { currency: "cny", unit_amount: q.cardFen, product_data: { name: `OCR 资源包订单 ${order.id}` } } }],
    metadata: { purpose: "order", orderId: order.id, userId: p.userId },
    success_url: `${p.baseUrl}/console/orders/${order.id}/result?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${p.baseUrl}/console/orders/${order.id}/pay`,
  });
  await db.insert(checkoutSessions).values({ id: session.id, userId: p.userId, purpose: "order", orderId: order.id, amountFen: q.cardFen });
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return ok({ url: session.url });
}

/** 充值: a Checkout Session that tops up the balance by `amountFen`. */
export async function createTopupCheckout(
  db: Db,
  stripe: CheckoutApi,
  p: { userId: string; amountFen: number; baseUrl: string; returnTo?: string },
): Promise<Result<{ url: string }, "topup_amount">> {
  if (!Number.isInteger(p.amountFen) || p.amountFen < MIN_TOPUP_FEN || p.amountFen > MAX_TOPUP_FEN) return fail("topup_amount");
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, p.userId));
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    client_reference_id: p.userId,
    customer_email: user?.email,
    line_items: [{ quantity: 1, price_data: { currency: "cny", unit_amount: p.amountFen, product_data: { name: "账户余额充值" } } }],
    metadata: { purpose: "topup", userId: p.userId },
    success_url: `${p.baseUrl}/console/billing?topup=ok${p.returnTo ? `&return=${encodeURIComponent(p.returnTo)}` : ""}`,
    cancel_url: `${p.baseUrl}/console/billing${p.returnTo ? `?return=${encodeURIComponent(p.returnTo)}` : ""}`,
  });
  await db.insert(checkoutSessions).values({ id: session.id, userId: p.userId, purpose: "topup", amountFen: p.amountFen });
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return ok({ url: session.url });
}

async function applyPaidSession(tx: DbOrTx, session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const [row] = await tx
    .update(checkoutSessions)
    .set({ status: "completed", completedAt: now })
    .where(and(eq(checkoutSessions.id, session.id), eq(checkoutSessions.status, "open")))
    .returning();
  if (!row) return "session unknown or already applied";
  const paidFen = session.amount_total ?? row.amountFen;
  if (row.purpose === "topup") {
    await moveBalance(tx, { userId: row.userId, deltaFen: paidFen, kind: "topup", note: "银行卡充值", now });
    return "topped up";
  }
  try {
    // A savepoint: if the order cannot be completed, only this part rolls back.
    await tx.transaction((sp) =>
      settleOrderFromCard(sp, { userId: row.userId, orderId: row.orderId!, cardFen: paidFen, now }),
    );
    return "order paid";
  } catch (e) {
    if (!(e instanceof PayError)) throw e;
    // The money arrived but the order could not take it (cancelled, already paid, voucher gone):
    // nothing is lost — it goes to the account balance.
    await moveBalance(tx, {
      userId: row.userId,
      deltaFen: paidFen,
      kind: "refund",
      orderId: row.orderId,
      note: `订单 ${row.orderId} 未能完成（${consoleMessage(e.code)}），银行卡付款已转入账户余额`,
      now,
    });
    return `order not paid (${e.code}); amount credited to balance`;
  }
}

async function settleOrderFromCard(tx: DbOrTx, p: { userId: string; orderId: string; cardFen: number; now: Date }) {
  const [o] = await tx.select({ voucherId: orders.voucherId, couponId: orders.couponId }).from(orders).where(eq(orders.id, p.orderId));
  return settleOrder(tx, { userId: p.userId, orderId: p.orderId, voucherId: o?.voucherId, couponId: o?.couponId, method: "card", cardFen: p.cardFen, now: p.now });
}

/**
 * Applies one verified Stripe event exactly once: its id is stored in stripe_events in the same
 * transaction as its effect, so a redelivery is a no-op and a failure (thrown) leaves nothing behind
 * for Stripe to retry.
 */
export async function handleStripeEvent(db: Db, event: Stripe.Event, now: Date = new Date()): Promise<{ applied: boolean; note: string }> {
  return db.transaction(async (tx) => {
    const fresh = await tx.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.id });
    if (!fresh.length) return { applied: false, note: "duplicate event" };
    if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
      const session = event.data.object;
      if (session.payment_status !== "paid" && session.payment_status !== "no_payment_required") {
        return { applied: false, note: "awaiting payment" };
      }
      return { applied: true, note: await applyPaidSession(tx, session, now) };
    }
    if (event.type === "checkout.session.expired") {
      await tx.update(checkoutSessions).set({ status: "expired" }).where(and(eq(checkoutSessions.id, event.data.object.id), eq(checkoutSessions.status, "open")));
      return { applied: true, note: "session expired" };
    }
    return { applied: false, note: "ignored" };
  });
}
