import { and, asc, count, desc, eq, inArray, like, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { apps, orderLines, orders, type Order, type OrderLine } from "@/db/schema";
import type { z } from "zod";
import type { listOrdersSchema } from "./schemas";

export type OrderWithLines = Order & { lines: OrderLine[]; appName: string };

/** One order of `userId` with its lines, or null (another customer's order is simply not found). */
export async function getOrder(db: DbOrTx, userId: string, id: string): Promise<OrderWithLines | null> {
  const [row] = await db
    .select({ order: orders, appName: apps.name })
    .from(orders)
    .innerJoin(apps, eq(apps.id, orders.appId))
    .where(and(eq(orders.id, id), eq(orders.userId, userId)));
  if (!row) return null;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, id)).orderBy(asc(orderLines.tier));
  return { ...row.order, appName: row.appName, lines };
}

export const PAGE_SIZE = 20;

/** 订单管理: the customer's orders, newest first, by status and order-number search. */
export async function listOrders(
  db: DbOrTx,
  userId: string,
  f: z.infer<typeof listOrdersSchema>,
): Promise<{ rows: OrderWithLines[]; total: number; pages: number }> {
  const where: SQL[] = [eq(orders.userId, userId)];
  if (f.status !== "全部") where.push(eq(orders.status, f.status));
  if (f.q) where.push(like(orders.id, `%${f.q}%`));
  const cond = and(...where);
  const [{ n }] = await db.select({ n: count() }).from(orders).where(cond);
  const list = await db
    .select({ order: orders, appName: apps.name })
    .from(orders)
    .innerJoin(apps, eq(apps.id, orders.appId))
    .where(cond)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  const ids = list.map((r) => r.order.id);
  const lines = ids.length ? await db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(asc(orderLines.tier)) : [];
  return {
    rows: list.map((r) => ({ ...r.order, appName: r.appName, lines: lines.filter((l) => l.orderId === r.order.id) })),
    total: n,
    pages: Math.max(1, Math.ceil(n / PAGE_SIZE)),
  };
}
