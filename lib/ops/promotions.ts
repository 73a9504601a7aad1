import { desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { coupons, users, vouchers, type Coupon, type Voucher } from "@/db/schema";
import { issueCoupon, issueVoucher } from "@/lib/payments/wallet";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { findAccountByEmail } from "./accounts-admin";
import type { IssueCouponInput, IssueVoucherInput } from "./schemas";

/**
 * 代金券 and 优惠券 issued by operators. Issuing is lib/payments' (issueVoucher / issueCoupon
 * write the row and its audit entry in one transaction); this module resolves the account
 * an operator typed and lists what was issued.
 */

async function customerByEmail(db: DbOrTx, email: string): Promise<Result<{ id: string }, "email_not_found">> {
  const u = await findAccountByEmail(db, email);
  return u ? ok({ id: u.id }) : fail("email_not_found");
}

export async function issueVoucherTo(db: Db, actorId: string, input: IssueVoucherInput): Promise<Result<Voucher, "email_not_found">> {
  const u = await customerByEmail(db, input.email);
  if (!u.ok) return u;
  return ok(await issueVoucher(db, { userId: u.value.id, amountFen: input.amount, validDays: input.validDays, actorId, note: input.note }));
}

export async function issueCouponTo(db: Db, actorId: string, input: IssueCouponInput): Promise<Result<Coupon, "email_not_found">> {
  const u = await customerByEmail(db, input.email);
  if (!u.ok) return u;
  const common = { userId: u.value.id, thresholdFen: input.threshold, validDays: input.validDays, actorId, note: input.note };
  const c =
    input.kind === "amount"
      ? await issueCoupon(db, { ...common, kind: "amount", amountOffFen: input.amountOff! })
      : await issueCoupon(db, { ...common, kind: "percent", percentOff: input.percentOff! });
  return ok(c);
}

export async function recentVouchers(db: DbOrTx, limit = 50): Promise<(Voucher & { email: string })[]> {
  const rows = await db
    .select({ v: vouchers, email: users.email })
    .from(vouchers)
    .innerJoin(users, eq(users.id, vouchers.userId))
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.v, email: r.email }));
}

export async function recentCoupons(db: DbOrTx, limit = 50): Promise<(Coupon & { email: string })[]> {
  const rows = await db
    .select({ c: coupons, email: users.email })
    .from(coupons)
    .innerJoin(users, eq(users.id, coupons.userId))
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, email: r.email }));
}
