import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { orders } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

export const UNPAID_TTL_MS = 24 * 3600 * 1000;

/** 取消订单 by its customer; only a 待支付 order can be cancelled (guarded, so a concurrent payment wins or loses cleanly). */
export async function cancelOrder(db: DbOrTx, userId: string, id: string, now: Date = new Date()): Promise<Result<null, "not_cancellable">> {
  const rows = await db
    .update(orders)
    .set({ status: "已取消", cancelledAt: now, cancelReason: "用户取消", updatedAt: now })
    .where(and(eq(orders.id, id), eq(orders.userId, userId), eq(orders.status, "待支付")))
    .returning({ id: orders.id });
  return rows.length ? ok(null) : fail("not_cancellable");
}

/**
 * Cancels every order left 待支付 for 24 hours (all customers, or one when `userId` is given).
 * Run by the scheduler (lib/orders/jobs.ts) and lazily before orders are listed.
 */
export async function cancelStaleOrders(db: DbOrTx, now: Date = new Date(), userId?: string): Promise<number> {
  const cutoff = new Date(now.getTime() - UNPAID_TTL_MS);
  const conds = [eq(orders.status, "待支付"), lt(orders.createdAt, cutoff)];
  if (userId) conds.push(eq(orders.userId, userId));
  const rows = await db
    .update(orders)
    .set({ status: "已取消", cancelledAt: now, cancelReason: "超过 24 小时未支付，系统自动取消", updatedAt: now })
    .where(and(...conds))
    .returning({ id: orders.id });
  return rows.length;
}
