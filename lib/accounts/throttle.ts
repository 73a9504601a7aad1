import { and, count, eq, gt, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { loginFailures } from "@/db/schema";

/** At most this many failed sign-ins per account and per address in the window. */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export async function isThrottled(db: DbOrTx, keys: string[], now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS);
  for (const key of keys) {
    const [row] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
    if ((row?.n ?? 0) >= MAX_FAILURES) return true;
  }
  return false;
}

export async function recordFailure(db: DbOrTx, keys: string[], now = new Date()): Promise<void> {
  if (keys.length === 0) return;
  await db.insert(loginFailures).values(keys.map((key) => ({ key, at: now })));
  // keep the table small: forget failures older than the window
  await db
    .delete(loginFailures)
    .where(and(or(...keys.map((k) => eq(loginFailures.key, k))), lt(loginFailures.at, new Date(now.getTime() - WINDOW_MS))));
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
