/** Payment failures, declared once with the message a customer sees. */
export const PAY_ERRORS = {
  not_found: "订单不存在",
  not_payable: "订单已支付或已取消，无需重复支付",
  unverified: "支付订单前请先完成实名认证",
  voucher_and_coupon: "订单不支持同时使用代金券和优惠券",
  voucher_unusable: "代金券不可用（已使用、已过期或不属于您）",
  coupon_unusable: "优惠券不可用（已使用、已过期、未达使用门槛或不属于您）",
  insufficient_balance: "账户余额不足，请先充值或选择其他支付方式",
  card_unavailable: "暂不支持银行卡支付",
  amount_mismatch: "支付金额与订单不符",
  bad_amount: "金额无效",
} as const;

export type PayErrorCode = keyof typeof PAY_ERRORS;

/** Thrown inside a payment transaction to roll it back; turned into a Result by the caller. */
export class PayError extends Error {
  constructor(public readonly code: PayErrorCode) {
    super(PAY_ERRORS[code]);
    this.name = "PayError";
  }
}
