import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { auditLog, balanceLedger, coupons, users, vouchers, type Coupon, type Voucher } from "@/db/schema";
import { newId } from "@/lib/id";
import { addDays } from "@/lib/quota/grant";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { PayError } from "./errors";
import { claimFormToken } from "./form-token";

type LedgerKind = (typeof balanceLedger.$inferInsert)["kind"];

/**
 * Adds `deltaFen` (positive) to a balance or takes it off (negative, only if the balance
 * covers it), and writes the ledger entry with the balance after — atomic SQL, call inside a transaction.
 */
export async function moveBalance(
  tx: DbOrTx,
  p: { userId: string; deltaFen: number; kind: LedgerKind; orderId?: string | null; note?: string; now?: Date },
): Promise<number> {
  if (!Number.isInteger(p.deltaFen) || p.deltaFen === 0) throw new PayError("bad_amount");
  const cond =
    p.deltaFen < 0 ? and(eq(users.id, p.userId), sql`${users.balanceFen} >= ${-p.deltaFen}`) : eq(users.id, p.userId);
  const [row] = await tx
    .update(users)
    .set({ balanceFen: sql`${users.balanceFen} + ${p.deltaFen}` })
    .where(cond)
    .returning({ balanceFen: users.balanceFen });
  if (!row) throw new PayError("insufficient_balance");
  await tx.insert(balanceLedger).values({
    userId: p.userId,
    deltaFen: p.deltaFen,
    balanceAfterFen: row.balanceFen,
    kind: p.kind,
    orderId: p.orderId ?? null,
    note: p.note ?? "",
    ...(p.now ? { createdAt: p.now } : {}),
  });
  return row.balanceFen;
}

/**
 * Operator credit (or, with a negative amount, a correction the balance covers), with its
 * ledger entry and audit row in one transaction. Returns the balance after. With a form
 * token, the same form applied twice credits once: the second call changes nothing and
 * answers `duplicate` with the current balance.
 */
export async function creditBalance(
  db: Db,
  p: { userId: string; amountFen: number; actorId: string; note: string; token?: string },
): Promise<Result<{ balanceFen: number; duplicate?: true }, "adjust_amount" | "adjust_below_zero">> {
  if (!Number.isInteger(p.amountFen) || p.amountFen === 0) return fail("adjust_amount");
  try {
    const res = await db.transaction(async (tx) => {
      if (p.token && !(await claimFormToken(tx, { token: p.token, actorId: p.actorId, action: "balance.credit" }))) {
        const [u] = await tx.select({ balanceFen: users.balanceFen }).from(users).where(eq(users.id, p.userId));
        return { balanceFen: u?.balanceFen ?? 0, duplicate: true as const };
      }
      const balanceFen = await moveBalance(tx, { userId: p.userId, deltaFen: p.amountFen, kind: "credit", note: p.note });
      await tx.insert(auditLog).values({
        actorId: p.actorId,
        action: "balance.credit",
        targetType: "user",
        targetId: p.userId,
        before: { balanceFen: balanceFen - p.amountFen },
        after: { balanceFen },
        reason: p.note,
      });
      return { balanceFen };
    });
    return ok(res);
  } catch (e) {
    if (e instanceof PayError && e.code === "insufficient_balance") return fail("adjust_below_zero");
    throw e;
  }
}

/** 代金券: issues a fixed-amount voucher to a customer (operator action, audited). */
export async function issueVoucher(
  db: Db,
  p: { userId: string; amountFen: number; expiresAt?: Date; validDays?: number; actorId: string; note?: string; now?: Date },
): Promise<Voucher> {
  if (!Number.isInteger(p.amountFen) || p.amountFen <= 0) throw new RangeError("voucher amount must be a positive integer (fen)");
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [v] = await tx
      .insert(vouchers)
      .values({
        id: newId("vch"),
        userId: p.userId,
        amountFen: p.amountFen,
        expiresAt: p.expiresAt ?? addDays(now, p.validDays ?? 90),
        issuedBy: p.actorId,
        note: p.note ?? "",
        createdAt: now,
      })
      .returning();
    await tx.insert(auditLog).values({ actorId: p.actorId, action: "voucher.issue", targetType: "user", targetId: p.userId, after: v, reason: p.note ?? "" });
    return v!;
  });
}

export type CouponInput =
  | { kind: "amount"; thresholdFen?: number; amountOffFen: number }
  | { kind: "percent"; thresholdFen?: number; percentOff: number };

/** 优惠券: issues an amount-off-above-threshold or a percentage coupon (operator action, audited). */
export async function issueCoupon(
  db: Db,
  p: CouponInput & { userId: string; expiresAt?: Date; validDays?: number; actorId: string; note?: string; now?: Date },
): Promise<Coupon> {
  const thresholdFen = p.thresholdFen ?? 0;
  if (!Number.isInteger(thresholdFen) || thresholdFen < 0) throw new RangeError("threshold must be a non-negative integer (fen)");
  if (p.kind === "amount" && (!Number.isInteger(p.amountOffFen) || p.amountOffFen <= 0)) throw new RangeError("amount off must be a positive integer (fen)");
  if (p.kind === "percent" && (!Number.isInteger(p.percentOff) || p.percentOff < 1 || p.percentOff > 100)) throw new RangeError("percent off must be 1–100");
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(coupons)
      .values({
        id: newId("cpn"),
        userId: p.userId,
        kind: p.kind,
        thresholdFen,
        amountOffFen: p.kind === "amount" ? p.amountOffFen : 0,
        percentOff: p.kind === "percent" ? p.percentOff : 0,
        expiresAt: p.expiresAt ?? addDays(now, p.validDays ?? 90),
        issuedBy: p.actorId,
        note: p.note ?? "",
        createdAt: now,
      })
      .returning();
    await tx.insert(auditLog).values({ actorId: p.actorId, action: "coupon.issue", targetType: "user", targetId: p.userId, after: c, reason: p.note ?? "" });
    return c!;
  });
}

export type HeldState = "unused" | "used" | "expired";

export function heldState(h: { usedOrderId: string | null; expiresAt: Date }, now: Date): HeldState {
  if (h.usedOrderId) return "used";
  return h.expiresAt.getTime() > now.getTime() ? "unused" : "expired";
}

/** 账户余额: balance, its recent history, and the vouchers and coupons the customer holds. */
export async function walletOf(db: DbOrTx, userId: string, opts: { ledgerLimit?: number } = {}) {
  const [u] = await db.select({ balanceFen: users.balanceFen }).from(users).where(eq(users.id, userId));
  const ledger = await db
    .select()
    .from(balanceLedger)
    .where(eq(balanceLedger.userId, userId))
    .orderBy(desc(balanceLedger.createdAt), desc(balanceLedger.id))
    .limit(opts.ledgerLimit ?? 100);
  const vs = await db.select().from(vouchers).where(eq(vouchers.userId, userId)).orderBy(desc(vouchers.createdAt));
  const cs = await db.select().from(coupons).where(eq(coupons.userId, userId)).orderBy(desc(coupons.createdAt));
  return { balanceFen: u?.balanceFen ?? 0, ledger, vouchers: vs, coupons: cs };
}
