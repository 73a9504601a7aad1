import crypto from "node:crypto";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto";
import { env } from "@/lib/env";

/**
 * The fingerprint of a citizen ID number: HMAC-SHA256 over the number's sha-256, keyed with a
 * key derived (HKDF) from APP_ENCRYPTION_KEY. A plain hash of an 18-digit number with a check
 * digit and a birth date falls to brute force in minutes; without the server key it does not.
 * Hashing the sha-256 (not the number) lets rows stored before as plain sha-256 move over
 * without ever seeing the number (moveLegacyIdHashes). Changing APP_ENCRYPTION_KEY changes
 * every fingerprint: run moveLegacyIdHashes is not enough then — keep the key.
 */
function fingerprintKey(): Buffer {
  const ikm = Buffer.from(env().APP_ENCRYPTION_KEY, "base64");
  return Buffer.from(crypto.hkdfSync("sha256", ikm, Buffer.alloc(0), "ocr/id-fingerprint/v1", 32));
}

export function fingerprintOfHash(sha256: string): string {
  return crypto.createHmac("sha256", fingerprintKey()).update(sha256).digest("hex");
}

/** The fingerprint stored in users.id_fingerprint (input: the upper-cased 18-character number). */
export function idFingerprint(idNumber: string): string {
  return fingerprintOfHash(sha256Hex(idNumber.trim().toUpperCase()));
}

/**
 * Moves legacy plain sha-256 values (users.id_number_hash) to fingerprints, then clears them.
 * A second account holding the same number (possible before the unique index) keeps its
 * legacy value and counts as unverified for free quota until an operator looks at it.
 * Returns how many rows moved.
 */
export async function moveLegacyIdHashes(db: DbOrTx): Promise<number> {
  if (process.env.DATABASE_URL && !process.env.APP_ENCRYPTION_KEY && process.env.NODE_ENV !== "test") {
    // fingerprints must use the servers' key, not one this script might find or make in .data/
    const [legacy] = await db.select({ id: users.id }).from(users).where(and(isNotNull(users.idNumberHash), isNull(users.idFingerprint))).limit(1);
    if (legacy) console.warn("real-name records not moved to fingerprints: run db:migrate with the servers' APP_ENCRYPTION_KEY");
    return 0;
  }
  const rows = await db
    .select({ id: users.id, hash: users.idNumberHash })
    .from(users)
    .where(and(isNotNull(users.idNumberHash), isNull(users.idFingerprint)))
    .orderBy(users.verifiedAt, users.id);
  let moved = 0;
  for (const r of rows) {
    const fp = fingerprintOfHash(r.hash!);
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.idFingerprint, fp));
    if (taken) continue;
    await db.update(users).set({ idFingerprint: fp, idNumberHash: null }).where(eq(users.id, r.id));
    moved++;
  }
  return moved;
}

/** True for a unique-index violation from either driver (postgres.js, PGlite), wrapped by drizzle or not. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
