import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { quotaPacks, type QuotaPack } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { writeAudit } from "./audit";
import type { CancelPackInput } from "./schemas";

/** The packs of one application, newest first (cancelled and expired included). */
export async function listPacks(db: DbOrTx, appId: string): Promise<QuotaPack[]> {
  return db.select().from(quotaPacks).where(eq(quotaPacks.appId, appId)).orderBy(desc(quotaPacks.createdAt), desc(quotaPacks.id));
}

export type PackState = "active" | "cancelled" | "expired" | "used_up" | "pending";

export function packState(p: Pick<QuotaPack, "status" | "expiresAt" | "startsAt" | "callsUsed" | "callsTotal">, now: Date): PackState {
  if (p.status === "cancelled") return "cancelled";
  if (p.expiresAt.getTime() <= now.getTime()) return "expired";
  if (p.callsUsed >= p.callsTotal) return "used_up";
  if (p.startsAt.getTime() > now.getTime()) return "pending";
  return "active";
}

/**
 * 作废 a pack with a reason: its remaining calls can no longer be used (the quota code only
 * draws from active packs). Guarded on status = 'active', with the audit row in the same transaction.
 */
export async function cancelPack(
  db: DbOrTx,
  actorId: string,
  input: CancelPackInput,
): Promise<Result<QuotaPack, "pack_not_found" | "already_cancelled">> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(quotaPacks).where(eq(quotaPacks.id, input.packId)).for("update");
    if (!before) return fail("pack_not_found");
    const [after] = await tx
      .update(quotaPacks)
      .set({ status: "cancelled", cancelReason: input.reason })
      .where(and(eq(quotaPacks.id, input.packId), eq(quotaPacks.status, "active")))
      .returning();
    if (!after) return fail("already_cancelled");
    const pick = (p: QuotaPack) => ({ status: p.status, cancelReason: p.cancelReason, callsUsed: p.callsUsed, callsTotal: p.callsTotal, appId: p.appId, api: p.api });
    await writeAudit(tx, { actorId, action: "pack.cancel", targetType: "pack", targetId: before.id, before: pick(before), after: pick(after), reason: input.reason });
    return ok(after);
  });
}
