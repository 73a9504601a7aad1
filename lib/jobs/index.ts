/** Asynchronous batch jobs: the signed API (submit, status, cancel) and its runner. */
import { withSignedApp, type GatewayDeps } from "@/lib/gateway/signed";
import type { UrlOptions } from "@/lib/alerts/webhook";
import { jobsHandler } from "./handler";
import { MAX_JOB_BODY_BYTES } from "./limits";
import { resolveJobRoute } from "./routes";

/** The signed jobs API; `opts` only for tests (a local callback receiver). */
export function jobsApi(opts: UrlOptions = {}): (req: Request, deps: GatewayDeps) => Promise<Response> {
  return withSignedApp(jobsHandler(opts), { resolve: resolveJobRoute, maxBodyBytes: MAX_JOB_BODY_BYTES });
}

export const handleJobsApi = jobsApi();
export { resolveJobRoute, jobPath, JOBS_PREFIX } from "./routes";
export { submitJob } from "./submit";
export { claimImages, finishImage, processImage, runJobsOnce } from "./run";
export { cancelJob, getJob, jobResults, jobView, listJobs, purgeExpiredJobs, type JobView } from "./manage";
export { deliverJobCallbacks } from "./callback";
export { MAX_JOB_IMAGES, MAX_JOB_BODY_BYTES, retentionDays } from "./limits";
