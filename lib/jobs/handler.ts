/**
 * The asynchronous batch API behind withSignedApp (same signatures, service codes,
 * replay and rate limits as the synchronous calls; paths in ./routes.ts).
 */
import { z } from "zod";
import { ApiError } from "@/lib/api/codes";
import type { UrlOptions } from "@/lib/alerts/webhook";
import { errorOutcome, type Outcome, type SignedRequest } from "@/lib/gateway/signed";
import { cancelBody, statusBody } from "./schemas";
import { cancelJob, getJob, jobResults, jobView } from "./manage";
import { resolveJobRoute } from "./routes";
import { nudgeJobRunner } from "./runner";
import { submitJob } from "./submit";

function parseJson<T extends z.ZodType>(schema: T, body: Buffer): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError(4001, "请求体不是合法的 JSON");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new ApiError(4002);
  const r = schema.safeParse(json);
  if (!r.success) throw new ApiError(4002, `请求体字段不合法：${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("；")}`);
  return r.data;
}

function ok(body: object, extra: Partial<Outcome> = {}): Outcome {
  return { status: 200, body: { code: 0, ...body }, code: 0, imagesOk: 0, imagesFailed: 0, packs: null, engineMs: 0, ...extra };
}

export function jobsHandler(opts: UrlOptions = {}) {
  return async function jobs({ pathname, app, body, db, now }: SignedRequest): Promise<Outcome> {
    const route = resolveJobRoute(pathname)!;
    if (route.action === "submit") {
      if (app.remaining < 1) return errorOutcome(4019, undefined, { remaining: 0 });
      const s = await submitJob(db, { appId: app.appId, userId: app.userId, api: app.api, body, now }, opts);
      nudgeJobRunner();
      const job = (await getJob(db, app.appId, s.jobId))!;
      // Metered as a call with the images refused at once; the rest are metered as they finish.
      return ok({ ...jobView(job), queued: s.queued }, { remaining: app.remaining, imagesFailed: s.total - s.queued });
    }
    if (route.action === "status") {
      const q = parseJson(statusBody, body);
      const job = await getJob(db, app.appId, q.job_id);
      if (!job || job.api !== app.api) throw new ApiError(4201);
      const result = await jobResults(db, job.id, q.page, q.page_size);
      return ok({ ...jobView(job), page: q.page, page_size: q.page_size, pages: Math.ceil(job.total / q.page_size), result });
    }
    const q = parseJson(cancelBody, body);
    const existing = await getJob(db, app.appId, q.job_id);
    if (!existing || existing.api !== app.api) throw new ApiError(4201);
    const after = await cancelJob(db, app.appId, q.job_id, now);
    if (after === null) throw new ApiError(4201);
    if (after === "finished") throw new ApiError(4203, `任务当前状态为 ${existing.state}`);
    return ok(jobView(after));
  };
}
