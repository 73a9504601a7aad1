import { and, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { apps, orders, users } from "@/db/schema";
import { creditBalance } from "@/lib/payments/wallet";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { writeAudit } from "./audit";
import type { CreditInput, SetAccountStatusInput } from "./schemas";

export const ACCOUNTS_PAGE_SIZE = 20;

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: "customer" | "operator";
  balanceFen: number;
  verified: boolean;
  disabled: boolean;
  /** the most QPS the owner may give an application (users.qps_ceiling) */
  qpsCeiling: number;
  createdAt: Date;
  apps: number;
  paidOrders: number;
  /** what the account paid for completed orders (after vouchers and coupons) */
  paidFen: number;
}

/** 账号 across the platform, newest first; q searches email, name and id. */
export async function listAccounts(
  db: DbOrTx,
  f: { q?: string; page?: number } = {},
): Promise<{ rows: AccountRow[]; total: number; pages: number }> {
  const where: SQL[] = [];
  if (f.q) {
    const pat = `%${f.q}%`;
    where.push(or(ilike(users.email, pat), ilike(users.name, pat), eq(users.id, f.q))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const page = Math.max(1, f.page ?? 1);
  const [{ n }] = await db.select({ n: count() }).from(users).where(cond);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      balanceFen: users.balanceFen,
      verified: sql<boolean>`${users.verifiedAt} is not null`,
      disabled: users.disabled,
      qpsCeiling: users.qpsCeiling,
      createdAt: users.createdAt,
      // drizzle writes a column of the selected table unqualified ("id"), which inside these
      // subqueries would bind to apps.id / orders.id (always 0): name the outer row explicitly
      apps: sql<number>`(select count(*)::int from ${apps} a where a.user_id = "users"."id" and a.deleted_at is null)`,
      paidOrders: sql<number>`(select count(*)::int from ${orders} o where o.user_id = "users"."id" and o.status = '已完成')`,
      paidFen: sql<number>`(select coalesce(sum(o.total_fen - o.voucher_fen - o.coupon_fen), 0)::bigint from ${orders} o where o.user_id = "users"."id" and o.status = '已完成')`.mapWith(Number),
    })
    .from(users)
    .where(cond)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(ACCOUNTS_PAGE_SIZE)
    .offset((page - 1) * ACCOUNTS_PAGE_SIZE);
  return { rows, total: n, pages: Math.max(1, Math.ceil(n / ACCOUNTS_PAGE_SIZE)) };
}

/** The account with this email (operators pick accounts by email in forms). */
export async function findAccountByEmail(db: DbOrTx, email: string): Promise<{ id: string; email: string; role: string } | null> {
  const [u] = await db.select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return u ?? null;
}

/**
 * 余额调整: credits (or, negative, corrects) a customer's balance. lib/payments' creditBalance
 * moves the balance, writes the ledger entry and the audit row in one transaction.
 */
export async function creditAccount(
  db: Db,
  actorId: string,
  input: CreditInput,
): Promise<Result<{ balanceFen: number; duplicate?: true }, "account_not_found" | "adjust_amount" | "adjust_below_zero">> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  if (!u) return fail("account_not_found");
  const res = await creditBalance(db, { userId: u.id, amountFen: input.amount, actorId, note: input.note, token: input.token });
  return res.ok ? ok(res.value) : res;
}

/**
 * 停用账号 / 恢复账号, audited in the same transaction. Suspension (users.disabled) takes effect
 * at once: sign-in is refused with the reason, every console page and action treats the
 * session as ended (app/_server/session.ts reads the user on each request), and the gateway
 * refuses the account's applications (lib/gateway/auth.ts joins users). An operator cannot
 * suspend their own account.
 */
export async function setAccountStatus(
  db: Db,
  actorId: string,
  input: SetAccountStatusInput,
  now = new Date(),
): Promise<Result<{ status: "active" | "disabled" }, "account_not_found" | "account_already_disabled" | "account_not_disabled" | "disable_self">> {
  if (input.userId === actorId) return fail("disable_self");
  return db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!u) return fail("account_not_found");
    const disabled = input.status === "disabled";
    if (u.disabled === disabled) return (disabled ? fail("account_already_disabled") : fail("account_not_disabled"));
    await tx
      .update(users)
      .set({ disabled, disabledReason: disabled ? input.reason : null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, u.id));
    await writeAudit(tx, {
      actorId,
      action: disabled ? "account.disable" : "account.enable",
      targetType: "user",
      targetId: u.id,
      before: { disabled: u.disabled, disabledReason: u.disabledReason },
      after: { disabled, disabledReason: disabled ? input.reason : null },
      reason: input.reason,
    });
    return ok({ status: input.status });
  });
}
