import { z } from "zod";
import type { DbOrTx } from "@/db";
import { formTokens } from "@/db/schema";

/** The hidden token every operator money form carries (a fresh one each time the form opens). */
export const formTokenSchema = z.string({ error: "表单已过期，请关闭后重新打开" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "表单已过期，请关闭后重新打开");

/**
 * Records that the form with this token was applied, inside the transaction that applies it.
 * false: the same form was already applied (a second click or a retried request) — change nothing.
 */
export async function claimFormToken(tx: DbOrTx, p: { token: string; actorId: string; action: string }): Promise<boolean> {
  const rows = await tx.insert(formTokens).values(p).onConflictDoNothing().returning({ token: formTokens.token });
  return rows.length === 1;
}
