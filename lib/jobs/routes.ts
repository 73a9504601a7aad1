/**
 * Paths of the asynchronous batch API (ours; the manual has none), signed exactly like
 * the synchronous calls (MD5 Sign or EOP) with the same service code of the API:
 *
 *   POST /v1/aiop/jobs/{serviceCode}/{api}          submit   {"data": [...≤1000], "callback_url"?}
 *   POST /v1/aiop/jobs/{serviceCode}/{api}/status   status   {"job_id", "page"?, "page_size"?}
 *   POST /v1/aiop/jobs/{serviceCode}/{api}/cancel   cancel   {"job_id"}
 *
 * where {api} is general, idcard or plate.
 */
import { isApiKind, type ApiKind } from "@/lib/catalogue/apis";
import type { ResolvedRoute } from "@/lib/gateway/routes";

export const JOBS_PREFIX = "/v1/aiop/jobs/";
export const JOB_ACTIONS = ["submit", "status", "cancel"] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

const SERVICE_CODE_RE = /^[0-9a-z]{1,64}$/;

export interface JobRoute extends ResolvedRoute {
  action: JobAction;
}

export function resolveJobRoute(pathname: string): JobRoute | null {
  if (!pathname.startsWith(JOBS_PREFIX)) return null;
  const parts = pathname.slice(JOBS_PREFIX.length).split("/");
  const [serviceCode, apiPart, actionPart, ...rest] = parts;
  if (rest.length > 0 || !serviceCode || !SERVICE_CODE_RE.test(serviceCode)) return null;
  if (!isApiKind(apiPart)) return null;
  const api = apiPart;
  const action: JobAction | undefined = actionPart === undefined ? "submit" : actionPart === "status" || actionPart === "cancel" ? actionPart : undefined;
  if (!action) return null;
  return { api, serviceCode, signPaths: [pathname], action };
}

/** The path template of an action, for docs: /v1/aiop/jobs/{serviceCode}/general/status */
export function jobPath(api: ApiKind, action: JobAction): string {
  return `${JOBS_PREFIX}{serviceCode}/${api}${action === "submit" ? "" : `/${action}`}`;
}
