/** Limits and settings of asynchronous batch jobs. */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { settings } from "@/db/schema";
import { MAX_IMAGE_BYTES } from "@/lib/gateway/body";

export { MAX_JOB_BODY_BYTES, MAX_JOB_IMAGES } from "./caps";
export const DEFAULT_RETENTION_DAYS = 7;
export const RETENTION_SETTING = "job_retention_days";
export const MAX_PAGE_SIZE = 100;
/** How long a claimed image is leased to the process recognising it (JOB_LEASE_MS). */
export function leaseMs(): number {
  return Number(process.env.JOB_LEASE_MS) || 3 * 60_000;
}
export { MAX_IMAGE_BYTES };

/** Days a finished job's results are kept (operator setting, default 7). */
export async function retentionDays(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, RETENTION_SETTING));
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_RETENTION_DAYS;
}
