import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { coupons, orderLines, orders, users, vouchers, type Coupon, type Order, type Voucher } from "@/db/schema";
import { getOrder, type OrderWithLines } from "@/lib/orders/queries";
import { couponApplies, quote, type CouponTerms, type Quote } from "@/lib/pricing/quote";
import { grantPack } from "@/lib/quota/grant";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { PayError, type PayErrorCode } from "./errors";
import { moveBalance } from "./wallet";

export function couponTerms(c: Coupon): CouponTerms {
  return c.kind === "amount"
    ? { kind: "amount", thresholdFen: c.thresholdFen, amountOffFen: c.amountOffFen }
    : { kind: "percent", thresholdFen: c.thresholdFen, percentOff: c.percentOff };
}

export interface PaymentOptions {
  order: OrderWithLines;
  balanceFen: number;
  verified: boolean;
  /** unused, unexpired vouchers */
  vouchers: Voucher[];
  /** unused, unexpired coupons, each with whether this order reaches its threshold */
  coupons: (Coupon & { applies: boolean })[];
}

/** What the 支付 page needs: the order, the balance, and the vouchers and coupons that could apply. */
export async function paymentOptions(db: DbOrTx, userId: string, orderId: string, now: Date = new Date()): Promise<PaymentOptions | null> {
  const order = await getOrder(db, userId, orderId);
  if (!order) return null;
  const [u] = await db.select({ balanceFen: users.balanceFen, verifiedAt: users.verifiedAt }).from(users).where(eq(users.id, userId));
  const vs = await db
    .select()
    .from(vouchers)
    .where(and(eq(vouchers.userId, userId), isNull(vouchers.usedOrderId), gt(vouchers.expiresAt, now)))
    .orderBy(asc(vouchers.expiresAt));
  const cs = await db
    .select()
    .from(coupons)
    .where(and(eq(coupons.userId, userId), isNull(coupons.usedOrderId), gt(coupons.expiresAt, now)))
    .orderBy(asc(coupons.expiresAt));
  return {
    order,
    balanceFen: u?.balanceFen ?? 0,
    verified: !!u?.verifiedAt,
    vouchers: vs,
    coupons: cs.map((c) => ({ ...c, applies: couponApplies(order.totalFen, couponTerms(c)) })),
  };
}

export interface SettleInput {
  userId: string;
  orderId: string;
  voucherId?: string | null;
  couponId?: string | null;
  method: "balance" | "card";
  /** with method card: the amount the card paid, which must equal what is due */
  cardFen?: number;
  now: Date;
}

/**
 * Pays an order inside a transaction: checks, then the guarded status change
 * (待支付 → 已完成), voucher or coupon use, balance debit with its ledger entry, and one
 * pack per unit bought. Throws PayError so the caller's transaction rolls everything back.
 */
export async function settleOrder(tx: DbOrTx, p: SettleInput): Promise<{ order: Order; quote: Quote }> {
  if (p.voucherId && p.couponId) throw new PayError("voucher_and_coupon");
  const [order] = await tx.select().from(orders).where(and(eq(orders.id, p.orderId), eq(orders.userId, p.userId)));
  if (!order) throw new PayError("order_not_found");
  if (order.status !== "待支付") throw new PayError("not_payable");
  const [user] = await tx.select({ balanceFen: users.balanceFen, verifiedAt: users.verifiedAt }).from(users).where(eq(users.id, p.userId));
  if (!user?.verifiedAt) throw new PayError("unverified");

  let voucher: Voucher | undefined;
  if (p.voucherId) {
    [voucher] = await tx.select().from(vouchers).where(and(eq(vouchers.id, p.voucherId), eq(vouchers.userId, p.userId)));
    if (!voucher || voucher.usedOrderId || voucher.expiresAt <= p.now) throw new PayError("voucher_unusable");
  }
  let coupon: Coupon | undefined;
  if (p.couponId) {
    [coupon] = await tx.select().from(coupons).where(and(eq(coupons.id, p.couponId), eq(coupons.userId, p.userId)));
    if (!coupon || coupon.usedOrderId || coupon.expiresAt <= p.now || !couponApplies(order.totalFen, couponTerms(coupon))) {
      throw new PayError("coupon_unusable");
    }
  }
  const q = quote({
    totalFen: order.totalFen,
    voucherFen: voucher ? voucher.amountFen : null,
    coupon: coupon ? couponTerms(coupon) : null,
    balanceFen: user.balanceFen,
    method: p.method,
  });
  if (q.shortFen > 0) throw new PayError("insufficient_balance");
  if (p.method === "card" && p.cardFen !== q.cardFen) throw new PayError("amount_mismatch");

  // The guard: only one payment can move this order out of 待支付.
  const [paid] = await tx
    .update(orders)
    .set({
      status: "已完成",
      voucherId: voucher?.id ?? null,
      couponId: coupon?.id ?? null,
      voucherFen: q.voucherFen,
      couponFen: q.couponFen,
      balanceFen: q.balanceFen,
      cardFen: q.cardFen,
      paidAt: p.now,
      updatedAt: p.now,
    })
    .where(and(eq(orders.id, order.id), eq(orders.userId, p.userId), eq(orders.status, "待支付")))
    .returning();
  if (!paid) throw new PayError("not_payable");

  if (voucher) {
    const used = await tx
      .update(vouchers)
      .set({ usedOrderId: order.id, usedAt: p.now })
      .where(and(eq(vouchers.id, voucher.id), eq(vouchers.userId, p.userId), isNull(vouchers.usedOrderId), gt(vouchers.expiresAt, p.now)))
      .returning({ id: vouchers.id });
    if (!used.length) throw new PayError("voucher_unusable");
  }
  if (coupon) {
    const used = await tx
      .update(coupons)
      .set({ usedOrderId: order.id, usedAt: p.now })
      .where(and(eq(coupons.id, coupon.id), eq(coupons.userId, p.userId), isNull(coupons.usedOrderId), gt(coupons.expiresAt, p.now)))
      .returning({ id: coupons.id });
    if (!used.length) throw new PayError("coupon_unusable");
  }
  if (q.balanceFen > 0) {
    await moveBalance(tx, { userId: p.userId, deltaFen: -q.balanceFen, kind: "payment", orderId: order.id, note: `订单支付 ${order.id}`, now: p.now });
  }
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.tier));
  for (const line of lines) {
    for (let i = 0; i < line.quantity; i++) {
      await grantPack(tx, { appId: order.appId, api: order.api, calls: line.tier, source: "order", orderId: order.id, now: p.now });
    }
  }
  return { order: paid, quote: q };
}

/**
 * 立即支付 with the account balance (and optionally one voucher or one coupon): all of it in
 * one transaction, so a refused or failed payment changes nothing and a repeated one charges once.
 */
export async function payWithBalance(
  db: Db,
  p: { userId: string; orderId: string; voucherId?: string | null; couponId?: string | null; now?: Date },
): Promise<Result<{ order: Order; quote: Quote }, PayErrorCode>> {
  const now = p.now ?? new Date();
  try {
    const res = await db.transaction((tx) =>
      settleOrder(tx, { userId: p.userId, orderId: p.orderId, voucherId: p.voucherId, couponId: p.couponId, method: "balance", now }),
    );
    return ok(res);
  } catch (e) {
    if (e instanceof PayError) return fail(e.code);
    throw e;
  }
}
