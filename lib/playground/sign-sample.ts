/** A code sample's signed call: the real URL and a Sign for a fresh timestamp, computed on the server. */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { accessKeys } from "@/db/schema";
import type { ApiKindColumn } from "@/db/schema";
import type { Result } from "@/lib/result";
import { sampleBody, type SignedSample } from "./samples";
import { findTarget, signHeaders, type TargetFailure } from "./sign";

export async function signedSample(
  db: DbOrTx,
  userId: string,
  input: { appId: string; api: ApiKindColumn },
  opts: { origin: string; now?: number },
): Promise<Result<SignedSample, TargetFailure>> {
  const target = await findTarget(db, userId, input.appId, input.api);
  if (!target.ok) return target;
  const body = sampleBody();
  const [key] = await db
    .select({ ak: accessKeys.ak })
    .from(accessKeys)
    .where(and(eq(accessKeys.userId, userId), eq(accessKeys.status, "active")))
    .orderBy(asc(accessKeys.createdAt))
    .limit(1);
  const h = signHeaders(target.value, body, opts.now ?? Date.now());
  return {
    ok: true,
    value: {
      api: input.api,
      url: opts.origin.replace(/\/+$/, "") + target.value.path,
      path: target.value.path,
      appKey: h.AppKey,
      timestamp: h.Timestamp,
      sign: h.Sign,
      body,
      ak: key?.ak ?? null,
    },
  };
}
