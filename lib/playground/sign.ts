/**
 * Signs a call for one of a user's applications on the server: the AppSecret is
 * decrypted here and used only for the Sign (lib/signature), never returned.
 */
import type { DbOrTx } from "@/db";
import type { ApiKindColumn, App } from "@/db/schema";
import { getApp, serviceCodesOf } from "@/lib/apps/queries";
import { apiPath } from "@/lib/apps/urls";
import { decryptSecret } from "@/lib/crypto";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { computeSign } from "@/lib/signature";

export type TargetFailure = "app_not_found" | "no_service_code";

export interface Target {
  app: App;
  serviceCode: string;
  path: string;
}

/** The application `appId` of `userId` (anyone else's reads as not found) and its service code for `api`. */
export async function findTarget(db: DbOrTx, userId: string, appId: string, api: ApiKindColumn): Promise<Result<Target, TargetFailure>> {
  const app = await getApp(db, userId, appId);
  if (!app) return fail("app_not_found");
  const serviceCode = (await serviceCodesOf(db, app.id))[api];
  if (!serviceCode) return fail("no_service_code");
  return ok({ app, serviceCode, path: apiPath(api, serviceCode) });
}

export interface SignedHeaders {
  "Content-Type": "application/json";
  AppKey: string;
  Timestamp: string;
  Sign: string;
}

/** The open API's headers for `body` sent to `path` at `timestampMs`. */
export function signHeaders(target: Target, body: string, timestampMs: number): SignedHeaders {
  const timestamp = String(timestampMs);
  const sign = computeSign(target.app.appKey, decryptSecret(target.app.secretEnc), timestamp, target.path, body);
  return { "Content-Type": "application/json", AppKey: target.app.appKey, Timestamp: timestamp, Sign: sign };
}
