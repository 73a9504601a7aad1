import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, ORDER_STATUSES, orders, users, type Order } from "@/db/schema";

export const ORDERS_PAGE_SIZE = 20;
export type OrderStatusFilter = (typeof ORDER_STATUSES)[number] | "全部";

/** 订单 across all tenants, newest first; q searches the order number, account email and app name. */
export async function listAllOrders(
  db: DbOrTx,
  f: { status?: OrderStatusFilter; q?: string; page?: number } = {},
): Promise<{ rows: (Order & { email: string; appName: string })[]; total: number; pages: number }> {
  const where: SQL[] = [];
  if (f.status && f.status !== "全部") where.push(eq(orders.status, f.status));
  if (f.q) {
    const pat = `%${f.q}%`;
    where.push(or(ilike(orders.id, pat), ilike(users.email, pat), ilike(apps.name, pat))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const page = Math.max(1, f.page ?? 1);
  const base = () => db.select({ order: orders, email: users.email, appName: apps.name }).from(orders).innerJoin(users, eq(users.id, orders.userId)).innerJoin(apps, eq(apps.id, orders.appId));
  const [{ n }] = await db.select({ n: count() }).from(orders).innerJoin(users, eq(users.id, orders.userId)).innerJoin(apps, eq(apps.id, orders.appId)).where(cond);
  const rows = await base()
    .where(cond)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(ORDERS_PAGE_SIZE)
    .offset((page - 1) * ORDERS_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r.order, email: r.email, appName: r.appName })), total: n, pages: Math.max(1, Math.ceil(n / ORDERS_PAGE_SIZE)) };
}

/** What the customer paid for an order (after vouchers and coupons). */
export const paidFen = (o: Pick<Order, "totalFen" | "voucherFen" | "couponFen">) => o.totalFen - o.voucherFen - o.couponFen;
