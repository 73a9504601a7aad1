/**
 * The playground's folder of images as one asynchronous job: signed on the server with the
 * application's secret and handed to the jobs route as a real signed submit (the same
 * checks, queue, charging per recognised image and metering as any job); its progress is
 * then read like the console's 异步任务 list, scoped to the user's application.
 */
import type { DbOrTx } from "@/db";
import { getApp } from "@/lib/apps/queries";
import { getJob, jobView, type JobView } from "@/lib/jobs/manage";
import { jobPath } from "@/lib/jobs/routes";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import type { CallOutcome } from "./apis";
import type { Send } from "./call";
import type { FolderJobInput } from "./schemas";
import { findTarget, signHeaders, type TargetFailure } from "./sign";

export async function submitFolderJob(
  db: DbOrTx,
  userId: string,
  input: FolderJobInput,
  deps: { send: Send; origin: string; now?: () => number },
): Promise<Result<CallOutcome, TargetFailure | "jobs_unreachable">> {
  const target = await findTarget(db, userId, input.appId, input.api);
  if (!target.ok) return target;
  const path = jobPath(input.api, "submit").replace("{serviceCode}", target.value.serviceCode);
  const body = JSON.stringify({ data: input.images });
  const headers = signHeaders({ ...target.value, path }, body, deps.now?.() ?? Date.now());
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await deps.send(new Request(deps.origin.replace(/\/+$/, "") + path, { method: "POST", headers: { ...headers }, body }));
    text = await res.text();
  } catch {
    return fail("jobs_unreachable");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { raw: text.slice(0, 2000) };
  }
  return ok({ httpStatus: res.status, body: parsed, requestId: res.headers.get("x-request-id"), quotaRemaining: null, latencyMs: Math.round(performance.now() - t0) });
}

/** A job of one of the user's applications, as the jobs API's status shows it (without results), or null. */
export async function folderJobStatus(db: DbOrTx, userId: string, appId: string, jobId: string): Promise<JobView | null> {
  const app = await getApp(db, userId, appId);
  const job = app ? await getJob(db, app.id, jobId) : null;
  return job ? jobView(job) : null;
}
