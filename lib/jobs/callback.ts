/**
 * A finished (or cancelled) job's callback: a POST of {type: "job.finished", job} to the
 * job's callback_url, signed like the alert webhooks but with the application's
 * AppSecret as the key (the customer already holds it):
 *
 *   X-OCR-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(AppSecret, "<t>.<raw body>")>
 *
 * Claimed with FOR UPDATE SKIP LOCKED (one instance sends each), the URL checked again
 * and sent through lib/net/outbound (HTTPS, every resolved address public and pinned,
 * no redirects),
 * retried with back-off up to MAX_ATTEMPTS, every attempt in job_callback_log.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { jobCallbackLog, ocrJobs, type OcrJob } from "@/db/schema";
import { BACKOFF_BASE_MS, MAX_ATTEMPTS, postSigned, type UrlOptions } from "@/lib/alerts/webhook";
import { eq } from "drizzle-orm";
import { jobView } from "./manage";

const LEASE_MS = 60_000;

export interface CallbackOptions extends UrlOptions {
  now?: Date;
  limit?: number;
  /** first retry delay (default the alert webhooks' 30 s), doubling after each attempt */
  backoffBaseMs?: number;
}

type Claimed = OcrJob & { secretEnc: string };

export async function deliverJobCallbacks(db: DbOrTx, opts: CallbackOptions = {}): Promise<{ delivered: number; retrying: number; failed: number }> {
  const now = opts.now ?? new Date();
  const base = opts.backoffBaseMs ?? BACKOFF_BASE_MS;
  const ids = rowsOf<{ id: string; secret_enc: string }>(
    await db.execute(sql`with due as (
        select id from ocr_jobs where callback_state = 'pending' and callback_next_at <= ${now.toISOString()}::timestamptz
        order by callback_next_at limit ${opts.limit ?? 20} for update skip locked
      )
      update ocr_jobs j set callback_attempts = j.callback_attempts + 1, callback_next_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
      from due, apps a where j.id = due.id and a.id = j.app_id
      returning j.id, a.secret_enc`),
  );
  const tally = { delivered: 0, retrying: 0, failed: 0 };
  for (const { id, secret_enc } of ids) {
    const [job] = await db.select().from(ocrJobs).where(eq(ocrJobs.id, id));
    if (!job) continue;
    const c: Claimed = { ...job, secretEnc: secret_enc };
    const body = JSON.stringify({ type: "job.finished", created: Math.floor(now.getTime() / 1000), job: jobView(c) });
    const { status, error } = await postSigned(c.callbackUrl ?? "", c.secretEnc, body, { "user-agent": "ocr-cloud-jobs/1", "X-OCR-Job": c.id }, opts);
    await db.insert(jobCallbackLog).values({ jobId: c.id, attempt: c.callbackAttempts, statusCode: status, error, at: now });
    if (!error) {
      tally.delivered++;
      await db.update(ocrJobs).set({ callbackState: "delivered", callbackNextAt: null }).where(eq(ocrJobs.id, c.id));
    } else if (c.callbackAttempts >= MAX_ATTEMPTS) {
      tally.failed++;
      await db.update(ocrJobs).set({ callbackState: "failed", callbackNextAt: null }).where(eq(ocrJobs.id, c.id));
    } else {
      tally.retrying++;
      const delay = base * 2 ** Math.max(0, c.callbackAttempts - 1);
      await db
        .update(ocrJobs)
        .set({ callbackNextAt: new Date(now.getTime() + delay) })
        .where(eq(ocrJobs.id, c.id));
    }
  }
  return tally;
}
