import { z } from "zod";

const optionalId = z
  .string()
  .max(64)
  .optional()
  .transform((s) => (s ? s : null));

/** The 立即支付 form: one order, at most one of voucher and coupon, and how to pay the rest. */
export const payOrderSchema = z
  .object({
    orderId: z.string().regex(/^\d{20}$/, "订单号无效"),
    voucherId: optionalId,
    couponId: optionalId,
    method: z.enum(["balance", "card"]).default("balance"),
  })
  .refine((v) => !(v.voucherId && v.couponId), { message: "订单不支持同时使用代金券和优惠券", path: ["couponId"] });

/** The one place a top-up may send the customer back to: the pay page of an order. */
const RETURN_RE = /^\/console\/orders\/\d{20}\/pay$/;
export function safeReturnTo(v: unknown): string | null {
  return typeof v === "string" && RETURN_RE.test(v) ? v : null;
}

/** 充值: an amount in yuan with at most two decimals, turned into fen. */
export const topupSchema = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, "请输入有效金额（最多两位小数）")
    .transform((s) => {
      const [y, f = ""] = s.split(".");
      return Number(y) * 100 + Number(f.padEnd(2, "0"));
    })
    .refine((fen) => fen >= 100 && fen <= 10_000_000, "充值金额须在 ¥1 至 ¥100,000 之间"),
  /** where to come back to after paying: only an order's own pay page */
  returnTo: z.preprocess((v) => (typeof v === "string" && RETURN_RE.test(v) ? v : undefined), z.string().optional()),
});

