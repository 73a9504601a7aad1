/**
 * withSignedApp: the open API's wrapper. It resolves the path (4013) and method (4012),
 * checks the headers and Timestamp (4014/4015/4017, or the EOP headers 4022/4025), loads
 * the application (4017) and EOP AccessKey (4023) — all before a byte of the body is
 * read — then reads the body under its cap (4021) and the process-wide body budget
 * (5001 + Retry-After), hashing it for the signature as it streams, admits the request
 * (4014/4024, 4018, 4020 + Retry-After, 4016/4026), hands a SignedRequest to the handler
 * and turns any failure into the manual's error body.
 *
 * Every call is recorded (calls + per-minute rollups) before the response leaves. A
 * call that charges quota is charged and recorded in one statement (lib/quota/consume
 * chargeAndRecord): a database failure leaves both or neither, and the client then gets
 * 5000 — unless the record shows the charge committed (its acknowledgment was lost), then the
 * client gets the paid result. The one window left, "charged but told 5000", is described in
 * the README (故障时的行为). bytes_in is what was actually read, never the client's Content-Length.
 */
import { getDb, type Db } from "@/db";
import { API_CODES, ApiError, type ApiCode } from "@/lib/api/codes";
import type { ApiKind, OcrEngine } from "@/lib/engine/types";
import { newId } from "@/lib/id";
import { recordCall, type CallRecord } from "@/lib/metering/record";
import { chargeAndRecord, chargePartialAndRecord, recordedCharge } from "@/lib/quota/consume";
import { admit, AuthError, bodyHashes, eopPrecheck, forgetSign, loadApp, precheck, signHeaders, type SignedApp } from "./auth";
import { bodyBudget, newMeter, readBody } from "./body";
import { isEopRequest } from "./eop";
import { clientAddress } from "@/lib/net/client-address";
import { resolveRoute, type ResolvedRoute } from "./routes";

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
  /** the request's URL path (a wrapper serving several actions reads it) */
  pathname: string;
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
  /** seconds, sent as Retry-After (4020, 5001) */
  retryAfter?: number;
  /**
   * This outcome holds only once `n` calls are charged: the wrapper charges them together
   * with the call's record; if fewer are left by then, it sends `partial(charged)` instead.
   */
  charge?: { n: number; partial: (charged: number) => Outcome };
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

interface Ctx {
  requestId: string;
  t0: number;
  now: Date;
  api: ApiKind | null;
  who: { appId: string; userId: string } | null;
  bytesIn: number;
}

function recordOf(c: Ctx, o: Outcome, json: string): CallRecord {
  return {
    requestId: c.requestId,
    appId: c.who?.appId ?? null,
    userId: c.who?.userId ?? null,
    api: c.api,
    httpStatus: o.status,
    code: o.code,
    imagesOk: o.imagesOk,
    imagesFailed: o.imagesFailed,
    packs: o.packs,
    bytesIn: c.bytesIn,
    bytesOut: Buffer.byteLength(json),
    latencyMs: performance.now() - c.t0,
    engineMs: o.engineMs,
    signFailure: o.code === 4014 || o.code === 4024,
    at: c.now,
  };
}

function internalError(requestId: string, e: unknown, what: string): Outcome {
  console.error(`[gateway] ${requestId} ${what}:`, e instanceof Error ? e.message : e);
  return errorOutcome(5000, `${API_CODES[5000].message} (request id ${requestId})`);
}

/** Charges (when the outcome says so) and records the call; returns what to send. */
async function settle(db: Db | undefined, c: Ctx, app: SignedApp | null, first: Outcome): Promise<{ outcome: Outcome; json: string }> {
  let outcome = first;
  let json = JSON.stringify(outcome.body);
  if (outcome.charge && app && db) {
    const p = { appId: app.appId, api: app.api, n: outcome.charge.n, now: c.now };
    try {
      const charge = await chargeAndRecord(db, p, recordOf(c, outcome, json));
      if (charge.charged === p.n) return { outcome: { ...outcome, packs: charge.packs, remaining: charge.remaining }, json };
      const partial = outcome.charge.partial;
      return await chargePartialAndRecord(db, p, (ch) => {
        const o = { ...partial(ch.charged), packs: ch.packs, remaining: ch.remaining };
        const j = JSON.stringify(o.body);
        return { outcome: o, json: j, record: recordOf(c, o, j) };
      });
    } catch (e) {
      // Did it commit after all? The record is written with the charge (a second connection asks).
      const done = await recordedCharge(db, c.requestId).catch(() => undefined);
      if (done) {
        console.error(`[gateway] ${c.requestId} charge reported failed but committed (${done.charged} charged):`, e instanceof Error ? e.message : e);
        const o = done.charged === p.n ? outcome : outcome.charge.partial(done.charged);
        return { outcome: { ...o, packs: done.packs }, json: JSON.stringify(o.body) };
      }
      const what = done === null ? "charge failed (nothing charged)" : "charge failed (unknown whether it committed: database unreachable)";
      outcome = internalError(c.requestId, e, what);
      json = JSON.stringify(outcome.body);
    }
  }
  try {
    if (app && outcome.code === 5001 && db) await forgetSign(db, app.sign); // may be resent as is after Retry-After
    await recordCall(db ?? (await getDb()), recordOf(c, outcome, json));
  } catch (e) {
    console.error(`[gateway] ${c.requestId} metering failed:`, e instanceof Error ? e.message : e);
  }
  return { outcome, json };
}

export interface SignedOptions {
  /** which API and service code a path names (default: the manual's three paths) */
  resolve?: (pathname: string) => ResolvedRoute | null;
  /** request body cap (default MAX_BODY_BYTES: 50 images) */
  maxBodyBytes?: number;
}

export function withSignedApp(handler: SignedHandler, opts: SignedOptions = {}) {
  return async function signed(req: Request, deps: GatewayDeps): Promise<Response> {
    const c: Ctx = { requestId: newId("req"), t0: performance.now(), now: deps.now?.() ?? new Date(), api: null, who: null, bytesIn: 0 };
    const meter = newMeter();
    const budget = bodyBudget();
    let db: Db | undefined = deps.db;
    let app: SignedApp | null = null;
    let outcome: Outcome;
    try {
      const pathname = new URL(req.url).pathname;
      const route = (opts.resolve ?? resolveRoute)(pathname);
      if (!route) throw new ApiError(4013);
      c.api = route.api;
      if (req.method !== "POST") throw new ApiError(4012);
      const pre = isEopRequest(req.headers) ? eopPrecheck(req, c.now.getTime()) : precheck(signHeaders(req), c.now.getTime());
      pre.clientIp = clientAddress(req.headers);
      db ??= await getDb();
      const loaded = await loadApp(db, route, pre, c.now);
      c.who = { appId: loaded.appId, userId: loaded.userId };
      const hashes = bodyHashes(loaded, route, pre);
      const body = await readBody(req, meter, { budget, hashes, cap: opts.maxBodyBytes });
      c.bytesIn = meter.bytesRead;
      app = await admit(db, loaded, route, pre, hashes, c.now);
      outcome = await handler({ requestId: c.requestId, pathname, app, body, db, engine: deps.engine, now: c.now });
    } catch (e) {
      c.bytesIn = meter.bytesRead;
      if (e instanceof AuthError && e.app) c.who = e.app;
      outcome = e instanceof ApiError ? errorOutcome(e.code, e.details, { retryAfter: e.retryAfterSeconds }) : internalError(c.requestId, e, "failed");
    }
    try {
      const sent = await settle(db, c, app, outcome);
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "x-request-id": c.requestId };
      if (sent.outcome.remaining !== undefined) headers["x-quota-remaining"] = String(Math.max(0, sent.outcome.remaining));
      if (sent.outcome.retryAfter !== undefined) headers["retry-after"] = String(sent.outcome.retryAfter);
      return new Response(sent.json, { status: sent.outcome.status, headers });
    } finally {
      budget.release(meter.reserved);
    }
  };
}
