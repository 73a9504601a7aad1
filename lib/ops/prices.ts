import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices, type Price } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { writeAudit } from "./audit";
import type { UpdatePriceInput } from "./schemas";

/** The whole price table, by API then tier. */
export async function listPrices(db: DbOrTx): Promise<Price[]> {
  return db.select().from(prices).orderBy(asc(prices.api), asc(prices.tier));
}

const view = (p: Price) => ({
  unitPriceFen: p.unitPriceFen,
  betaPriceFen: p.betaPriceFen,
  betaEndsAt: p.betaEndsAt ? p.betaEndsAt.toISOString() : null,
});

/**
 * Sets the list price and the public-beta price of one API and tier; the row is locked,
 * changed and audited (before/after) in one transaction. An unchanged row is not rewritten.
 */
export async function updatePrice(
  db: DbOrTx,
  actorId: string,
  input: UpdatePriceInput,
  now = new Date(),
): Promise<Result<{ price: Price; changed: boolean }, "spec_not_found">> {
  return db.transaction(async (tx) => {
    const key = and(eq(prices.api, input.api), eq(prices.tier, input.tier));
    const [before] = await tx.select().from(prices).where(key).for("update");
    if (!before) return fail("spec_not_found");
    const next = { unitPriceFen: input.unitPriceFen, betaPriceFen: input.betaPriceFen, betaEndsAt: input.betaEndsAt };
    if (JSON.stringify(view(before)) === JSON.stringify(view({ ...before, ...next }))) return ok({ price: before, changed: false });
    const [after] = await tx.update(prices).set({ ...next, updatedAt: now }).where(key).returning();
    await writeAudit(tx, {
      actorId,
      action: "price.update",
      targetType: "price",
      targetId: `${input.api}:${input.tier}`,
      before: view(before),
      after: view(after!),
    });
    return ok({ price: after!, changed: true });
  });
}
