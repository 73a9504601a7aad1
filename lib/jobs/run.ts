/**
 * Recognising the images of asynchronous jobs. Any number of app processes run this;
 * images are claimed with FOR UPDATE SKIP LOCKED (PostgreSQL and PGlite alike) and
 * leased for leaseMs(): a process that dies mid-image leaves a lease that runs out, and
 * the image is claimed again by whoever is alive.
 *
 * Exactly-once charging: an image is charged, and metered, in the same transaction that moves it
 * from running (under this claim's attempt number) to done, so a recognition repeated
 * after a crash, or finished after its job was cancelled, is never charged twice or
 * at all. No quota left → the image fails with 4019 without being recognised.
 *
 * Fair share: each claim takes images round-robin over applications (the first open
 * image of every application, then the second, …), so a 1,000-image job of one
 * application does not hold back another's ten.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { API_CODES } from "@/lib/api/codes";
import { ENGINE_ERROR_CODES, type ImageError } from "@/lib/gateway/batch";
import { EngineError, type ApiKind, type OcrEngine } from "@/lib/engine/types";
import { perImage } from "@/lib/gateway/validate";
import { recordCall } from "@/lib/metering/record";
import { consumeCalls } from "@/lib/quota/consume";
import { remainingCalls } from "@/lib/quota/remaining";
import { leaseMs } from "./limits";
import { retentionUntil } from "./state";

/** An image failing for the engine's own reasons (5000) is tried this many times. */
export const MAX_ATTEMPTS = 3;

export interface ClaimedImage {
  jobId: string;
  idx: number;
  appId: string;
  userId: string;
  api: ApiKind;
  imageB64: string;
  attempts: number;
}

export async function claimImages(db: Db, limit: number, now: Date = new Date()): Promise<ClaimedImage[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs()).toISOString();
  const rows = rowsOf<ClaimedImage>(
    await db.execute(sql`with cand as (
        select i.job_id, i.idx, row_number() over (partition by j.app_id order by j.created_at, i.job_id, i.idx) as rn
        from ocr_job_images i join ocr_jobs j on j.id = i.job_id
        where j.state in ('排队中', '处理中') and i.state <> 'done'
          and (i.state = 'pending' or i.lease_until < ${nowIso}::timestamptz)
      ), pick as (
        select i.job_id, i.idx from ocr_job_images i join cand c on c.job_id = i.job_id and c.idx = i.idx
        where c.rn <= ${limit} and (i.state = 'pending' or (i.state = 'running' and i.lease_until < ${nowIso}::timestamptz))
        order by c.rn, i.job_id, i.idx
        limit ${limit}
        for update of i skip locked
      )
      update ocr_job_images i set state = 'running', attempts = i.attempts + 1, lease_until = ${until}::timestamptz
      from pick, ocr_jobs j
      where i.job_id = pick.job_id and i.idx = pick.idx and j.id = i.job_id
      returning i.job_id as "jobId", i.idx, j.app_id as "appId", j.user_id as "userId", j.api, i.image_b64 as "imageB64", i.attempts`),
  );
  const jobIds = [...new Set(rows.map((r) => r.jobId))];
  if (jobIds.length > 0) {
    await db.execute(sql`update ocr_jobs set state = '处理中', started_at = coalesce(started_at, ${nowIso}::timestamptz)
      where state = '排队中' and id in (${sql.join(
        jobIds.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  }
  return rows.map((r) => ({ ...r, idx: Number(r.idx), attempts: Number(r.attempts) }));
}

class Superseded extends Error {}

/** Gives a claimed image back to be claimed again later; a busy engine does not count as an attempt. */
async function release(db: Db, c: ClaimedImage, countAttempt: boolean): Promise<void> {
  await db.execute(sql`update ocr_job_images set state = 'pending', lease_until = null, attempts = attempts - ${countAttempt ? 0 : 1}
    where job_id = ${c.jobId} and idx = ${c.idx} and state = 'running' and attempts = ${c.attempts}`);
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: ImageError };

/**
 * Stores an image's outcome, charging it if it succeeded, and its metering row, in one transaction; returns
 * false when the claim was superseded (lease ran out and another process took it, or
 * the job was cancelled), in which case nothing was written or charged.
 */
export async function finishImage(db: Db, c: ClaimedImage, outcome: Outcome, now: Date, engineMs = 0): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      const [job] = rowsOf<{ state: string }>(await tx.execute(sql`select state from ocr_jobs where id = ${c.jobId} for update`));
      if (!job || (job.state !== "排队中" && job.state !== "处理中")) throw new Superseded();
      let el: unknown = outcome.ok ? outcome.result : outcome.error;
      let ok = outcome.ok;
      let packs: { packId: string; calls: number }[] | null = null;
      if (ok) {
        const charge = await consumeCalls(tx, { appId: c.appId, api: c.api, n: 1, now });
        if (charge.charged === 1) packs = charge.packs;
        else {
          ok = false;
          el = perImage(4019);
        }
      }
      const errCode = ok ? null : (el as ImageError).err_code;
      const upd = rowsOf(
        await tx.execute(sql`update ocr_job_images set state = 'done', result = ${JSON.stringify(el)}::jsonb, err_code = ${errCode},
            image_b64 = null, lease_until = null, finished_at = ${now.toISOString()}::timestamptz
          where job_id = ${c.jobId} and idx = ${c.idx} and state = 'running' and attempts = ${c.attempts} returning idx`),
      );
      if (upd.length !== 1) throw new Superseded();
      const expires = (await retentionUntil(tx, now)).toISOString();
      const okN = ok ? 1 : 0;
      await tx.execute(sql`update ocr_jobs set done = done + 1, ok = ok + ${okN}, failed = failed + ${1 - okN},
          state = case when done + 1 < total then '处理中' when failed + ${1 - okN} = 0 then '已完成' else '部分失败' end,
          finished_at = case when done + 1 = total then ${now.toISOString()}::timestamptz end,
          expires_at = case when done + 1 = total then ${expires}::timestamptz end,
          callback_state = case when done + 1 = total and callback_url is not null then 'pending' else callback_state end,
          callback_next_at = case when done + 1 = total and callback_url is not null then ${now.toISOString()}::timestamptz else callback_next_at end
        where id = ${c.jobId}`);
      // Every image in metering, as a call of its own (request id = job id + index), in
      // the transaction of its charge: a failure here undoes the charge and the result,
      // and the image is recognised again once its lease runs out.
      const code = ok ? 0 : (el as ImageError).err_code;
      await recordCall(
        tx,
        {
          requestId: `${c.jobId}.${c.idx}`,
          appId: c.appId,
          userId: c.userId,
          api: c.api,
          httpStatus: 200,
          code: code === 4019 ? 4019 : 0,
          imagesOk: ok ? 1 : 0,
          imagesFailed: ok ? 0 : 1,
          packs,
          bytesIn: c.imageB64.length,
          bytesOut: JSON.stringify(el).length,
          latencyMs: engineMs,
          engineMs,
          signFailure: false,
          at: now,
        },
        { async: false },
      );
    });
  } catch (e) {
    if (e instanceof Superseded) return false;
    throw e;
  }
  return true;
}

/** Recognises one claimed image and stores the outcome. */
export async function processImage(db: Db, engine: OcrEngine, c: ClaimedImage, now: () => Date = () => new Date()): Promise<"done" | "released" | "superseded"> {
  if ((await remainingCalls(db, c.appId, c.api, now())) < 1) {
    return (await finishImage(db, c, { ok: false, error: perImage(4019) }, now())) ? "done" : "superseded";
  }
  const image = Buffer.from(c.imageB64, "base64");
  const t = performance.now();
  let outcome: Outcome;
  try {
    outcome = { ok: true, result: await engine.run(c.api, image) };
  } catch (e) {
    const kind = e instanceof EngineError ? e.kind : "internal";
    if (kind === "internal") console.error(`[jobs] image ${c.jobId}.${c.idx} attempt ${c.attempts}/${MAX_ATTEMPTS}:`, e instanceof Error ? e.message : e);
    if (kind === "busy" || (kind === "internal" && c.attempts < MAX_ATTEMPTS)) {
      await release(db, c, kind !== "busy");
      return "released";
    }
    const code = ENGINE_ERROR_CODES[kind];
    outcome = { ok: false, error: { err_code: code, err_msg: API_CODES[code].message } };
  }
  const engineMs = performance.now() - t;
  return (await finishImage(db, c, outcome, now(), engineMs)) ? "done" : "superseded";
}

/** One pass: claims up to `limit` images and recognises them concurrently; returns how many were claimed. */
export async function runJobsOnce(db: Db, engine: OcrEngine, opts: { limit?: number; now?: () => Date } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const claimed = await claimImages(db, opts.limit ?? 4, now());
  await Promise.all(
    claimed.map((c) =>
      processImage(db, engine, c, now).catch((e: unknown) => {
        console.error(`[jobs] image ${c.jobId}.${c.idx} failed:`, e instanceof Error ? e.message : e);
      }),
    ),
  );
  return claimed.length;
}
