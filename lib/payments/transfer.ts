import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db";
import { transferRequests, users, type TransferRequest } from "@/db/schema";
import { newId } from "@/lib/id";
import { writeAudit } from "@/lib/ops/audit";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { topupSchema } from "./schemas";
import { moveBalance } from "./wallet";

/**
 * 线下汇款 (offline bank transfer) when Stripe is not configured: the customer files the amount,
 * the payer's name and the transfer reference; an operator confirms it, which credits the
 * balance exactly once (the status guard WHERE status = '待确认' lets one confirmation through),
 * or refuses it with a reason. Each decision writes its audit row in the same transaction.
 */

type TransferErrorCode = "too_many_open" | "transfer_not_found" | "already_decided";

export const MAX_OPEN_TRANSFERS = 5;

/** The account customers transfer to: OFFLINE_PAYEE="户名|开户银行|账号" (a demo account without it). */
export function offlinePayee(env: Record<string, string | undefined> = process.env): { name: string; bank: string; account: string } {
  const [name, bank, account] = (env.OFFLINE_PAYEE ?? "").split("|").map((s) => s.trim());
  if (name && bank && account) return { name, bank, account };
  return { name: "演示云科技有限公司（演示账户，请勿汇款）", bank: "示例银行北京分行", account: "6222 0000 0000 0000 000" };
}

export const transferRequestSchema = topupSchema.extend({
  payerName: z.string({ error: "请输入汇款人户名" }).trim().min(2, "请输入汇款人户名（至少 2 个字）").max(60, "汇款人户名不能超过 60 个字"),
  reference: z
    .string({ error: "请输入汇款流水号" })
    .trim()
    .min(4, "请输入银行回单上的流水号（至少 4 位）")
    .max(64, "流水号不能超过 64 个字符")
    .regex(/^[\p{L}\p{N}_\-./ ]+$/u, "流水号只能包含字母、数字与 - _ . /"),
});
export type TransferRequestInput = z.output<typeof transferRequestSchema>;

export async function requestTransfer(db: Db, userId: string, input: TransferRequestInput, now = new Date()): Promise<Result<TransferRequest, TransferErrorCode>> {
  return db.transaction(async (tx) => {
    // serialise one customer's requests so the open-request cap cannot be raced past
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const open = await tx
      .select({ id: transferRequests.id })
      .from(transferRequests)
      .where(and(eq(transferRequests.userId, userId), eq(transferRequests.status, "待确认")));
    if (open.length >= MAX_OPEN_TRANSFERS) return fail("too_many_open");
    const [row] = await tx
      .insert(transferRequests)
      .values({ id: newId("trf"), userId, amountFen: input.amount, payerName: input.payerName, reference: input.reference, createdAt: now })
      .returning();
    return ok(row!);
  });
}

/** A customer's own requests, newest first. */
export async function myTransfers(db: DbOrTx, userId: string, limit = 20): Promise<TransferRequest[]> {
  return db.select().from(transferRequests).where(eq(transferRequests.userId, userId)).orderBy(desc(transferRequests.createdAt)).limit(limit);
}

export interface TransferRow extends TransferRequest {
  email: string;
}

/** For /ops: pending first, then the latest decided ones. */
export async function listTransfers(db: DbOrTx, status?: TransferRequest["status"], limit = 50): Promise<TransferRow[]> {
  const rows = await db
    .select({ t: transferRequests, email: users.email })
    .from(transferRequests)
    .innerJoin(users, eq(users.id, transferRequests.userId))
    .where(status ? eq(transferRequests.status, status) : undefined)
    .orderBy(desc(transferRequests.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.t, email: r.email }));
}

/**
 * 确认到账: credits the amount once. A second confirmation (double click, two operators, a
 * retried request) finds the request no longer 待确认 and changes nothing.
 */
export async function confirmTransfer(
  db: Db,
  actorId: string,
  id: string,
  now = new Date(),
): Promise<Result<{ balanceFen: number; request: TransferRequest }, TransferErrorCode>> {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(transferRequests)
      .set({ status: "已到账", decidedBy: actorId, decidedAt: now })
      .where(and(eq(transferRequests.id, id), eq(transferRequests.status, "待确认")))
      .returning();
    if (!done) {
      const [exists] = await tx.select({ id: transferRequests.id }).from(transferRequests).where(eq(transferRequests.id, id));
      return exists ? fail("already_decided") : fail("transfer_not_found");
    }
    const balanceFen = await moveBalance(tx, {
      userId: done.userId,
      deltaFen: done.amountFen,
      kind: "topup",
      note: `线下汇款到账（流水号 ${done.reference}）`,
      now,
    });
    await writeAudit(tx, {
      actorId,
      action: "transfer.confirm",
      targetType: "transfer",
      targetId: done.id,
      before: { status: "待确认", balanceFen: balanceFen - done.amountFen },
      after: { status: "已到账", amountFen: done.amountFen, balanceFen },
      reason: `${done.payerName} ${done.reference}`,
    });
    return ok({ balanceFen, request: done });
  });
}

/** 驳回: refuses a request with a reason the customer sees; nothing is credited. */
export async function rejectTransfer(db: Db, actorId: string, id: string, reason: string, now = new Date()): Promise<Result<TransferRequest, TransferErrorCode>> {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(transferRequests)
      .set({ status: "已拒绝", decidedBy: actorId, decidedAt: now, reason })
      .where(and(eq(transferRequests.id, id), eq(transferRequests.status, "待确认")))
      .returning();
    if (!done) {
      const [exists] = await tx.select({ id: transferRequests.id }).from(transferRequests).where(eq(transferRequests.id, id));
      return exists ? fail("already_decided") : fail("transfer_not_found");
    }
    await writeAudit(tx, { actorId, action: "transfer.reject", targetType: "transfer", targetId: done.id, before: { status: "待确认" }, after: { status: "已拒绝" }, reason });
    return ok(done);
  });
}
