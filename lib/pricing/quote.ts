/**
 * Pure pricing: order totals and the payment quote, all in integer fen.
 *
 * Rounding: a percentage coupon takes floor(total × percent / 100) fen off — the
 * discount is rounded down to the fen, so it never exceeds the exact percentage
 * and the customer pays the remaining fen (e.g. 10% off ¥0.15 = 1 fen off, pays 14).
 */

export interface PriceRow {
  unitPriceFen: number;
  betaPriceFen: number | null;
  betaEndsAt: Date | null;
}

/** The price that applies at `now`: the public-beta price while beta_ends_at > now, else the list price. */
export function effectiveUnitPrice(p: PriceRow, now: Date): { unitPriceFen: number; inBeta: boolean } {
  if (p.betaPriceFen != null && p.betaEndsAt && p.betaEndsAt.getTime() > now.getTime()) {
    return { unitPriceFen: p.betaPriceFen, inBeta: true };
  }
  return { unitPriceFen: p.unitPriceFen, inBeta: false };
}

export interface CartLine {
  tier: number;
  quantity: number;
}

/** Amount of one line: unit price × quantity. */
export function lineAmount(unitPriceFen: number, quantity: number): number {
  if (!Number.isInteger(unitPriceFen) || unitPriceFen < 0) throw new RangeError("unit price must be a non-negative integer (fen)");
  if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError("quantity must be a non-negative integer");
  return unitPriceFen * quantity;
}

/** Sum of the lines' amounts. */
export function orderTotal(lines: { unitPriceFen: number; quantity: number }[]): number {
  return lines.reduce((s, l) => s + lineAmount(l.unitPriceFen, l.quantity), 0);
}

/** 代金券: a fixed amount, capped at the order total. */
export function voucherDiscount(totalFen: number, voucherFen: number): number {
  return Math.max(0, Math.min(voucherFen, totalFen));
}

export type CouponTerms =
  | { kind: "amount"; thresholdFen: number; amountOffFen: number }
  | { kind: "percent"; thresholdFen: number; percentOff: number };

/** Whether an order of `totalFen` reaches the coupon's threshold (满 X). */
export function couponApplies(totalFen: number, c: CouponTerms): boolean {
  return totalFen > 0 && totalFen >= c.thresholdFen;
}

/** 优惠券: amount off above a threshold, or a percentage (rounded down to the fen); 0 below the threshold. */
export function couponDiscount(totalFen: number, c: CouponTerms): number {
  if (!couponApplies(totalFen, c)) return 0;
  if (c.kind === "amount") return Math.max(0, Math.min(c.amountOffFen, totalFen));
  const pct = Math.max(0, Math.min(100, c.percentOff));
  return Math.floor((totalFen * pct) / 100);
}

export interface QuoteInput {
  totalFen: number;
  voucherFen?: number | null;
  coupon?: CouponTerms | null;
  /** the customer's account balance */
  balanceFen: number;
  /** how the remainder is paid: from the balance, or by card */
  method: "balance" | "card";
}

export interface Quote {
  /** 订单费用 */
  orderFen: number;
  /** 代金券支付 */
  voucherFen: number;
  /** 优惠券优惠 */
  couponFen: number;
  /** what is left after voucher/coupon: paid from the balance or by card */
  payableFen: number;
  /** 账户余额支付 */
  balanceFen: number;
  /** 银行卡支付 */
  cardFen: number;
  /** 需支付: still uncovered (balance too low) — must be 0 to pay */
  shortFen: number;
}

/**
 * The payment page's arithmetic: 订单费用 − 代金券支付 − 优惠券优惠 = payable, which the
 * balance (or a card) covers; a voucher and a coupon are never combined on one order.
 */
export function quote(q: QuoteInput): Quote {
  if (q.voucherFen != null && q.coupon != null) throw new RangeError("a voucher and a coupon cannot be combined");
  const voucherFen = q.voucherFen != null ? voucherDiscount(q.totalFen, q.voucherFen) : 0;
  const couponFen = q.coupon ? couponDiscount(q.totalFen, q.coupon) : 0;
  const payableFen = q.totalFen - voucherFen - couponFen;
  if (q.method === "card") {
    return { orderFen: q.totalFen, voucherFen, couponFen, payableFen, balanceFen: 0, cardFen: payableFen, shortFen: 0 };
  }
  const balanceFen = Math.min(payableFen, Math.max(0, q.balanceFen));
  return { orderFen: q.totalFen, voucherFen, couponFen, payableFen, balanceFen, cardFen: 0, shortFen: payableFen - balanceFen };
}
