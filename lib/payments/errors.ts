import { consoleMessage } from "@/lib/console/errors";

/** Payment failures (their messages are in the console's catalogue, lib/console/errors.ts). */
export type PayErrorCode =
  | "order_not_found"
  | "not_payable"
  | "unverified"
  | "voucher_and_coupon"
  | "voucher_unusable"
  | "coupon_unusable"
  | "insufficient_balance"
  | "card_unavailable"
  | "amount_mismatch"
  | "bad_amount";

/** Thrown inside a payment transaction to roll it back; turned into a Result by the caller. */
export class PayError extends Error {
  constructor(public readonly code: PayErrorCode) {
    super(consoleMessage(code));
    this.name = "PayError";
  }
}
