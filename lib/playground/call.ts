/**
 * The playground's call: sign the images with the application's secret on the server
 * and hand a real signed Request to the open-API gateway route, so the call is
 * authenticated, charged and recorded like any other. The caller supplies `send`
 * (the route handler in-process, or fetch) and the origin the Request is addressed to.
 */
import type { DbOrTx } from "@/db";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import type { CallOutcome } from "./apis";
import type { CallInput } from "./schemas";
import { findTarget, signHeaders, type TargetFailure } from "./sign";

export type Send = (req: Request) => Promise<Response>;

function headerInt(v: string | null): number | null {
  return v !== null && /^\d+$/.test(v) ? Number(v) : null;
}

export async function callGateway(
  db: DbOrTx,
  userId: string,
  input: CallInput,
  deps: { send: Send; origin: string; now?: () => number },
): Promise<Result<CallOutcome, TargetFailure | "unreachable">> {
  const target = await findTarget(db, userId, input.appId, input.api);
  if (!target.ok) return target;
  const body = JSON.stringify({ data: input.images });
  const headers = signHeaders(target.value, body, deps.now?.() ?? Date.now());
  const req = new Request(deps.origin.replace(/\/+$/, "") + target.value.path, { method: "POST", headers: { ...headers }, body });
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await deps.send(req);
    text = await res.text();
  } catch {
    return fail("unreachable");
  }
  const latencyMs = Math.round(performance.now() - t0);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { raw: text.slice(0, 2000) };
  }
  return ok({
    httpStatus: res.status,
    body: parsed,
    requestId: res.headers.get("x-request-id"),
    quotaRemaining: headerInt(res.headers.get("x-quota-remaining")),
    latencyMs,
  });
}
