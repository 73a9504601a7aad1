/**
 * Submitting an asynchronous batch: the body is checked like the synchronous call's
 * (4001–4005, then per image 4008–4011) but takes up to 1,000 images; the job and its
 * images are stored in one transaction and the caller gets the job id at once.
 * Images refused by the checks are finished at once with their code (never charged).
 */
import { ApiError } from "@/lib/api/codes";
import type { Db } from "@/db";
import { ocrJobImages, ocrJobs } from "@/db/schema";
import { checkWebhookUrl, type UrlOptions } from "@/lib/alerts/webhook";
import type { ApiKind } from "@/lib/engine/types";
import { newId } from "@/lib/id";
import { checkImage, flatten } from "@/lib/gateway/validate";
import { finalState, retentionUntil } from "./state";
import { MAX_JOB_IMAGES } from "./limits";

export interface SubmitInput {
  appId: string;
  userId: string;
  api: ApiKind;
  body: Buffer;
  now: Date;
}

export interface Submitted {
  jobId: string;
  total: number;
  /** images that passed the checks and wait for recognition */
  queued: number;
}

function parse(body: Buffer, opts: UrlOptions): { items: unknown[]; callbackUrl: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError(4001, "请求体不是合法的 JSON");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new ApiError(4002);
  const o = json as { data?: unknown; callback_url?: unknown };
  if (o.data === undefined) throw new ApiError(4003);
  if (!Array.isArray(o.data)) throw new ApiError(4004);
  const items = flatten(o.data);
  if (items.length === 0) throw new ApiError(4005);
  if (items.length > MAX_JOB_IMAGES) throw new ApiError(4204, `共 ${items.length} 张，单个任务最多 ${MAX_JOB_IMAGES} 张`);
  let callbackUrl: string | null = null;
  if (o.callback_url !== undefined && o.callback_url !== null && o.callback_url !== "") {
    if (typeof o.callback_url !== "string") throw new ApiError(4205);
    const checked = checkWebhookUrl(o.callback_url, opts);
    if (!checked.ok) throw new ApiError(4205, checked.message);
    callbackUrl = checked.url;
  }
  return { items, callbackUrl };
}

export async function submitJob(db: Db, input: SubmitInput, opts: UrlOptions = {}): Promise<Submitted> {
  const { items, callbackUrl } = parse(input.body, opts);
  const jobId = newId("job");
  const rows = items.map((entry, idx) => {
    const slot = checkImage(entry);
    return slot.ok
      ? { jobId, idx, state: "pending" as const, imageB64: slot.image.toString("base64") }
      : { jobId, idx, state: "done" as const, result: slot.error, errCode: slot.error.err_code, finishedAt: input.now };
  });
  const failed = rows.filter((r) => r.state === "done").length;
  const finished = failed === rows.length;
  await db.transaction(async (tx) => {
    const expiresAt = finished ? await retentionUntil(tx, input.now) : null;
    await tx.insert(ocrJobs).values({
      id: jobId,
      appId: input.appId,
      userId: input.userId,
      api: input.api,
      total: rows.length,
      done: failed,
      failed,
      callbackUrl,
      callbackState: finished && callbackUrl ? "pending" : "none",
      callbackNextAt: finished && callbackUrl ? input.now : null,
      state: finished ? finalState(failed) : "排队中",
      createdAt: input.now,
      finishedAt: finished ? input.now : null,
      expiresAt,
    });
    for (let i = 0; i < rows.length; i += 50) await tx.insert(ocrJobImages).values(rows.slice(i, i + 50));
  });
  return { jobId, total: rows.length, queued: rows.length - failed };
}
