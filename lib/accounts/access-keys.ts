/**
 * Account-level AccessKeys (AK/SK) for the EOP signature (lib/gateway/eop.ts), managed
 * in 账户. The SK is stored AES-GCM encrypted like the AppSecret and returned in clear
 * only once, by createAccessKey. At most MAX_ACCESS_KEYS per account; every change is
 * written to the audit log in the same transaction.
 */
import crypto from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accessKeys, users } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { newId } from "@/lib/id";
import { writeAudit } from "@/lib/ops/audit";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { confirmPassword } from "./users";

export const MAX_ACCESS_KEYS = 2;

export interface AccessKeyView {
  id: string;
  ak: string;
  status: "active" | "disabled";
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type AccessKeyFailure = "access_key_not_found" | "wrong_password" | "access_key_limit";

/** A fresh pair: AK and SK are 32 lower-case hex characters each (like 天翼云's). */
export function newAccessKeyPair(): { ak: string; sk: string } {
  return { ak: crypto.randomBytes(16).toString("hex"), sk: crypto.randomBytes(16).toString("hex") };
}

export async function listAccessKeys(db: DbOrTx, userId: string): Promise<AccessKeyView[]> {
  return db
    .select({ id: accessKeys.id, ak: accessKeys.ak, status: accessKeys.status, createdAt: accessKeys.createdAt, lastUsedAt: accessKeys.lastUsedAt })
    .from(accessKeys)
    .where(eq(accessKeys.userId, userId))
    .orderBy(asc(accessKeys.createdAt));
}

/**
 * Creates a pair for the account (after re-entering its password, unless `skipPassword`
 * for the seed). The account row is locked so two concurrent creations cannot pass the limit.
 */
export async function createAccessKey(
  db: DbOrTx,
  userId: string,
  opts: { password?: string; skipPassword?: boolean; pair?: { ak: string; sk: string } } = {},
): Promise<Result<AccessKeyView & { sk: string }, AccessKeyFailure>> {
  if (!opts.skipPassword && !(await confirmPassword(db, userId, opts.password ?? ""))) return fail("wrong_password");
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(accessKeys).where(eq(accessKeys.userId, userId));
    if (Number(n) >= MAX_ACCESS_KEYS) return fail("access_key_limit", { max: MAX_ACCESS_KEYS });
    const { ak, sk } = opts.pair ?? newAccessKeyPair();
    const [row] = await tx
      .insert(accessKeys)
      .values({ id: newId("ak"), userId, ak, skEnc: encryptSecret(sk) })
      .returning({ id: accessKeys.id, ak: accessKeys.ak, status: accessKeys.status, createdAt: accessKeys.createdAt, lastUsedAt: accessKeys.lastUsedAt });
    await writeAudit(tx, { actorId: userId, action: "access_key.create", targetType: "access_key", targetId: row!.id, after: { ak } });
    return ok({ ...row!, sk });
  });
}

async function change(
  db: DbOrTx,
  userId: string,
  id: string,
  action: "access_key.disable" | "access_key.enable" | "access_key.delete",
): Promise<Result<{ id: string }, AccessKeyFailure>> {
  return db.transaction(async (tx) => {
    const mine = and(eq(accessKeys.id, id), eq(accessKeys.userId, userId));
    const [before] = await tx.select({ ak: accessKeys.ak, status: accessKeys.status }).from(accessKeys).where(mine).for("update");
    if (!before) return fail("access_key_not_found");
    if (action === "access_key.delete") await tx.delete(accessKeys).where(mine);
    else await tx.update(accessKeys).set({ status: action === "access_key.disable" ? "disabled" : "active" }).where(mine);
    const after = action === "access_key.delete" ? null : { ak: before.ak, status: action === "access_key.disable" ? "disabled" : "active" };
    await writeAudit(tx, { actorId: userId, action, targetType: "access_key", targetId: id, before, after });
    return ok({ id });
  });
}

export const disableAccessKey = (db: DbOrTx, userId: string, id: string) => change(db, userId, id, "access_key.disable");
export const enableAccessKey = (db: DbOrTx, userId: string, id: string) => change(db, userId, id, "access_key.enable");
export const deleteAccessKey = (db: DbOrTx, userId: string, id: string) => change(db, userId, id, "access_key.delete");

/** What the gateway needs about an AK: its account, SK (in clear) and whether it may sign. */
export interface GatewayAccessKey {
  id: string;
  userId: string;
  sk: string;
  active: boolean;
  lastUsedAt: Date | null;
}

/** An access_keys row as the gateway reads it (in its own query: lib/gateway/auth.ts loadApp). */
export interface AccessKeyRow {
  id: string;
  userId: string;
  skEnc: string;
  status: string;
  lastUsedAt: Date | string | null;
}

/** The gateway's view of a row; the SK is decrypted only for an active key. */
export function gatewayAccessKey(row: AccessKeyRow): GatewayAccessKey {
  const active = row.status === "active";
  const lastUsedAt = row.lastUsedAt === null ? null : row.lastUsedAt instanceof Date ? row.lastUsedAt : new Date(row.lastUsedAt);
  return { id: row.id, userId: row.userId, sk: active ? decryptSecret(row.skEnc) : "", active, lastUsedAt };
}

export async function accessKeyForGateway(db: DbOrTx, ak: string): Promise<GatewayAccessKey | null> {
  const [row] = await db
    .select({ id: accessKeys.id, userId: accessKeys.userId, skEnc: accessKeys.skEnc, status: accessKeys.status, lastUsedAt: accessKeys.lastUsedAt })
    .from(accessKeys)
    .where(eq(accessKeys.ak, ak))
    .limit(1);
  return row ? gatewayAccessKey(row) : null;
}

/** How stale last_used_at may get before a call writes it again (keeps the hot path read-only). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Marks the key used, at most once per LAST_USED_RESOLUTION_MS. */
export async function touchAccessKey(db: DbOrTx, key: GatewayAccessKey, now: Date): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await db.update(accessKeys).set({ lastUsedAt: now }).where(eq(accessKeys.id, key.id));
}
