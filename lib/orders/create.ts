import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apps, orderLines, orders, prices, type Order } from "@/db/schema";
import { effectiveUnitPrice, lineAmount } from "@/lib/pricing/quote";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { isUniqueViolation } from "./errors";
import { orderNumber } from "./number";
import type { CreateOrderInput } from "./schemas";

const MAX_ORDER_FEN = 2_000_000_000; // the integer column's headroom

/**
 * 立即购买: creates a 待支付 order for one application and API from a validated cart.
 * Prices are read from the prices table now (the beta price while beta_ends_at > now).
 * The 20-digit order number is retried on the rare clash.
 */
export async function createOrder(
  db: Db,
  userId: string,
  input: CreateOrderInput,
  now: Date = new Date(),
): Promise<Result<Order, "app_not_found" | "empty" | "price_missing" | "too_large">> {
  if (input.items.length === 0) return fail("empty");
  const [app] = await db
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.id, input.appId), eq(apps.userId, userId), isNull(apps.deletedAt)));
  if (!app) return fail("app_not_found");

  const rows = await db.select().from(prices).where(eq(prices.api, input.api));
  const byTier = new Map(rows.map((r) => [r.tier, r]));
  const lines: Omit<typeof orderLines.$inferInsert, "orderId">[] = [];
  for (const item of input.items) {
    const p = byTier.get(item.tier);
    if (!p) return fail("price_missing");
    const eff = effectiveUnitPrice(p, now);
    lines.push({
      tier: item.tier,
      quantity: item.quantity,
      unitPriceFen: eff.unitPriceFen,
      amountFen: lineAmount(eff.unitPriceFen, item.quantity),
      betaEndsAt: p.betaEndsAt,
    });
  }
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  if (totalFen > MAX_ORDER_FEN) return fail("too_large");

  for (let attempt = 0; ; attempt++) {
    const id = orderNumber(now);
    try {
      const order = await db.transaction(async (tx) => {
        const [o] = await tx
          .insert(orders)
          .values({ id, userId, appId: app.id, api: input.api, totalFen, createdAt: now, updatedAt: now })
          .returning();
        await tx.insert(orderLines).values(lines.map((l) => ({ ...l, orderId: id })));
        return o!;
      });
      return ok(order);
    } catch (e) {
      if (attempt < 8 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}
