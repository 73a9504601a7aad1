/** Reading, cancelling and expiring jobs. Every query is scoped to the application. */
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { ocrJobImages, ocrJobs, type JobState, type OcrJob } from "@/db/schema";
import { perImage } from "@/lib/gateway/validate";
import { MAX_PAGE_SIZE } from "./limits";
import { ACTIVE_STATES, retentionUntil } from "./state";

export interface JobView {
  job_id: string;
  api: string;
  state: JobState;
  progress: { done: number; total: number };
  message: { success: number; fail: number };
  created_at: string;
  finished_at: string | null;
  expires_at: string | null;
  callback: { url: string; state: string; attempts: number } | null;
}

export function jobView(j: OcrJob): JobView {
  return {
    job_id: j.id,
    api: j.api,
    state: j.state,
    progress: { done: j.done, total: j.total },
    message: { success: j.ok, fail: j.failed },
    created_at: j.createdAt.toISOString(),
    finished_at: j.finishedAt?.toISOString() ?? null,
    expires_at: j.expiresAt?.toISOString() ?? null,
    callback: j.callbackUrl ? { url: j.callbackUrl, state: j.callbackState, attempts: j.callbackAttempts } : null,
  };
}

export async function getJob(db: DbOrTx, appId: string, jobId: string): Promise<OcrJob | null> {
  const [j] = await db
    .select()
    .from(ocrJobs)
    .where(and(eq(ocrJobs.id, jobId), eq(ocrJobs.appId, appId)));
  return j ?? null;
}

/**
 * One page of a job's results, in submission order, each element in the synchronous
 * response's shape (a result, or {err_code, err_msg}); images not yet done are null.
 */
export async function jobResults(db: DbOrTx, jobId: string, page: number, pageSize: number): Promise<unknown[]> {
  const size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
  const from = (Math.max(1, page) - 1) * size;
  const rows = await db
    .select({ idx: ocrJobImages.idx, state: ocrJobImages.state, result: ocrJobImages.result })
    .from(ocrJobImages)
    .where(and(eq(ocrJobImages.jobId, jobId), gte(ocrJobImages.idx, from), lt(ocrJobImages.idx, from + size)))
    .orderBy(asc(ocrJobImages.idx));
  return rows.map((r) => (r.state === "done" ? r.result : null));
}

export async function listJobs(db: DbOrTx, appId: string, limit = 50): Promise<OcrJob[]> {
  return db.select().from(ocrJobs).where(eq(ocrJobs.appId, appId)).orderBy(desc(ocrJobs.createdAt)).limit(limit);
}

/**
 * Cancels a queued or running job: images not yet done end with 4202 (not recognised,
 * not charged); an image being recognised right now is dropped when it finishes.
 * Returns the job after, or "finished" / null.
 */
export async function cancelJob(db: DbOrTx, appId: string, jobId: string, now: Date = new Date()): Promise<OcrJob | "finished" | null> {
  return db.transaction(async (tx) => {
    const [j] = await tx
      .select()
      .from(ocrJobs)
      .where(and(eq(ocrJobs.id, jobId), eq(ocrJobs.appId, appId)))
      .for("update");
    if (!j) return null;
    if (!ACTIVE_STATES.includes(j.state)) return "finished";
    const cancelled = rowsOf(
      await tx.execute(sql`update ocr_job_images set state = 'done', result = ${JSON.stringify(perImage(4202))}::jsonb, err_code = 4202,
          image_b64 = null, lease_until = null, finished_at = ${now.toISOString()}::timestamptz
        where job_id = ${jobId} and state <> 'done' returning idx`),
    ).length;
    const [after] = await tx
      .update(ocrJobs)
      .set({
        state: "已取消",
        done: j.done + cancelled,
        failed: j.failed + cancelled,
        finishedAt: now,
        expiresAt: await retentionUntil(tx, now),
        callbackState: j.callbackUrl ? "pending" : "none",
        callbackNextAt: j.callbackUrl ? now : null,
      })
      .where(eq(ocrJobs.id, jobId))
      .returning();
    return after!;
  });
}

/** Deletes jobs whose results have passed their retention (their images and callback log cascade). */
export async function purgeExpiredJobs(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const rows = rowsOf(await db.execute(sql`delete from ocr_jobs where expires_at < ${now.toISOString()}::timestamptz returning id`));
  return rows.length;
}
