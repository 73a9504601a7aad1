/**
 * withSignedApp: the open API's wrapper. It resolves the path (4013) and method
 * (4012), checks the headers, reads the body under its cap (4021), authenticates the
 * application by the manual's MD5 Sign (4014–4018) or the EOP signature (4022–4026, see
 * ./eop.ts), applies the rate limit (4020), hands a SignedRequest to
 * the handler, turns any failure into the manual's error body, and records every
 * call (calls + per-minute rollups) before the response leaves.
 */
import { getDb, type Db } from "@/db";
import { API_CODES, ApiError, type ApiCode } from "@/lib/api/codes";
import type { ApiKind, OcrEngine } from "@/lib/engine/types";
import { newId } from "@/lib/id";
import { recordCall, type CallRecord } from "@/lib/metering/record";
import { RETRY_AFTER_SECONDS } from "@/lib/ratelimit";
import { authenticate, AuthError, eopPrecheck, precheck, signHeaders, type SignedApp } from "./auth";
import { readBodyCapped } from "./body";
import { isEopRequest } from "./eop";
import { resolveRoute } from "./routes";

export interface GatewayDeps {
  /** the OCR engine (the route passes getEngine(); tests and the benchmark inject a stand-in) */
  engine: OcrEngine;
  /** defaults to getDb() */
  db?: Db;
  /** defaults to the wall clock */
  now?: () => Date;
}

export interface SignedRequest {
  requestId: string;
  app: SignedApp;
  body: Buffer;
  db: Db;
  engine: OcrEngine;
  now: Date;
}

/** What a handler produced: the JSON to send and what metering needs. */
export interface Outcome {
  status: number;
  body: unknown;
  code: number;
  imagesOk: number;
  imagesFailed: number;
  packs: { packId: string; calls: number }[] | null;
  engineMs: number;
  /** calls left for the API, sent as X-Quota-Remaining */
  remaining?: number;
}

export function errorBody(code: ApiCode, details?: string): { code: ApiCode; message: "error"; details: string } {
  return { code, message: "error", details: details ?? API_CODES[code].message };
}

export function errorOutcome(code: ApiCode, details?: string, extra: Partial<Outcome> = {}): Outcome {
  return {
    status: API_CODES[code].status,
    body: errorBody(code, details),
    code,
    imagesOk: 0,
    imagesFailed: 0,
    packs: null,
    engineMs: 0,
    ...extra,
  };
}

export type SignedHandler = (r: SignedRequest) => Promise<Outcome>;

export function withSignedApp(handler: SignedHandler) {
  return async function signed(req: Request, deps: GatewayDeps): Promise<Response> {
    const t0 = performance.now();
    const now = deps.now?.() ?? new Date();
    const requestId = newId("req");
    let api: ApiKind | null = null;
    let who: { appId: string; userId: string } | null = null;
    let bytesIn = 0;
    let db: Db | undefined = deps.db;
    let outcome: Outcome;
    try {
      const route = resolveRoute(new URL(req.url).pathname);
      if (!route) throw new ApiError(4013);
      api = route.api;
      if (req.method !== "POST") throw new ApiError(4012);
      const pre = isEopRequest(req.headers) ? eopPrecheck(req, now.getTime()) : precheck(signHeaders(req), now.getTime());
      const body = await readBodyCapped(req);
      bytesIn = body.length;
      db ??= await getDb();
      const app = await authenticate(db, route, pre, body, now);
      who = { appId: app.appId, userId: app.userId };
      outcome = await handler({ requestId, app, body, db, engine: deps.engine, now });
    } catch (e) {
      if (e instanceof AuthError && e.app) who = e.app;
      if (e instanceof ApiError) {
        outcome = errorOutcome(e.code, e.details);
      } else {
        console.error(`[gateway] ${requestId} failed:`, e instanceof Error ? e.message : e);
        outcome = errorOutcome(5000, `${API_CODES[5000].message} (request id ${requestId})`);
      }
    }
    const json = JSON.stringify(outcome.body);
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "x-request-id": requestId };
    if (outcome.remaining !== undefined) headers["x-quota-remaining"] = String(Math.max(0, outcome.remaining));
    if (outcome.code === 4020 || outcome.code === 5001) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
    const record: CallRecord = {
      requestId,
      appId: who?.appId ?? null,
      userId: who?.userId ?? null,
      api,
      httpStatus: outcome.status,
      code: outcome.code,
      imagesOk: outcome.imagesOk,
      imagesFailed: outcome.imagesFailed,
      packs: outcome.packs,
      bytesIn: bytesIn || Number(req.headers.get("content-length") ?? 0) || 0,
      bytesOut: Buffer.byteLength(json),
      latencyMs: performance.now() - t0,
      engineMs: outcome.engineMs,
      signFailure: outcome.code === 4014 || outcome.code === 4024,
      at: now,
    };
    try {
      await recordCall(db ?? (await getDb()), record);
    } catch (e) {
      console.error(`[gateway] ${requestId} metering failed:`, e instanceof Error ? e.message : e);
    }
    return new Response(json, { status: outcome.status, headers });
  };
}
