/**
 * Authentication of a signed open-API request (AppKey, Timestamp, Sign — or the EOP
 * signature, ./eop.ts — replay, service code) and its admission (rate limit), in three
 * steps so that nothing is read from an unknown caller:
 *  1. precheck / eopPrecheck — headers and Timestamp (eop-date), no database;
 *  2. loadApp — one query (one round trip) loads the application, its secrets, the path's
 *     service code (4017 for an unknown or disabled application) and, for EOP, the AccessKey
 *     (4023), BEFORE the body is read; the signature's hashes (bodyHashes) are then fed
 *     while the body streams in (./body.ts);
 *  3. admit — signature (4014 / 4024) and service code (4018), then one statement counts
 *     the request for the rate limit, remembers the Sign (or EOP request id) only when the
 *     request is within the limit — a 4020 can be resent as is after Retry-After — and
 *     reads the calls left.
 * Replay signs and rate windows are committed without waiting for the WAL flush
 * (ASYNC_COMMIT): losing the last fraction of a second of them in a PostgreSQL crash
 * is harmless, and it keeps the hot path off the disk.
 */
import crypto, { type Hash } from "node:crypto";
import { sql } from "drizzle-orm";
import { executePrepared, type Db } from "@/db";
import { ApiError } from "@/lib/api/codes";
import { appSecretsFor } from "@/lib/apps/secrets";
import type { ApiKind } from "@/lib/engine/types";
import { gatewayAccessKey, touchAccessKey, type GatewayAccessKey } from "@/lib/accounts/access-keys";
import { API_LABELS } from "@/lib/catalogue/apis";
import { admitDailyCall, isAddressAllowed } from "@/lib/apps/limits";
import { ASYNC_COMMIT } from "@/lib/metering/record";
import { remainingExpr } from "@/lib/quota/remaining";
import { isOverLimit, rateHitSql, purgeRateWindows, retryAfterSeconds } from "@/lib/ratelimit";
import { normalizeSign, parseTimestamp, signHashes, signMatches } from "@/lib/signature";
import { forgetSignSql, purgeExpiredSigns, rememberSignSql } from "@/lib/signature/replay";
import { parseEop, verifyEopDigest, type EopCredentials } from "./eop";
import type { ResolvedRoute } from "./routes";

export interface SignedApp {
  appId: string;
  userId: string;
  api: ApiKind;
  serviceCode: string;
  rateLimitPerSec: number;
  /** calls left for this API when the request was admitted */
  remaining: number;
  /** the replay key the request was admitted with (forgotten again if it did no work) */
  sign: string;
}

/** An ApiError that also says which application it concerns, for metering. */
export class AuthError extends ApiError {
  constructor(
    code: ConstructorParameters<typeof ApiError>[0],
    public readonly app: { appId: string; userId: string } | null,
    details?: string,
    retryAfterSeconds?: number,
  ) {
    super(code, details, retryAfterSeconds);
  }
}

interface Headers3 {
  appKey: string | null;
  timestamp: string | null;
  sign: string | null;
}

export function signHeaders(req: Request): Headers3 {
  return { appKey: req.headers.get("appkey"), timestamp: req.headers.get("timestamp"), sign: req.headers.get("sign") };
}

/**
 * What authentication needs from the headers. `sign` is the replay key and `timestampMs` +
 * the window its expiry; an EOP request carries its credentials in `eop` (its replay key
 * is the AK and request id, its expiry from eop-date: see lib/gateway/eop.ts).
 */
export interface Precheck {
  appKey: string;
  timestamp: string;
  timestampMs: number;
  sign: string;
  eop?: EopCredentials;
  /** the client address lib/net/client-address trusts, for the application's IP allow-list */
  clientIp?: string | null;
}

/** Checks that need no database, before the body is read: headers present, Timestamp in the window. */
export function precheck(h: Headers3, now: number = Date.now()): Precheck {
  if (!h.appKey) throw new AuthError(4017, null, "缺少 AppKey 请求头");
  const timestampMs = parseTimestamp(h.timestamp, now);
  if (timestampMs === null) throw new AuthError(4015, null);
  const sign = normalizeSign(h.sign);
  if (!sign) throw new AuthError(4014, null, "缺少 Sign 请求头或格式不是 32 位十六进制");
  return { appKey: h.appKey, timestamp: h.timestamp!, timestampMs, sign };
}

/** precheck for an EOP-signed request (4022, 4025). */
export function eopPrecheck(req: Request, now: number = Date.now()): Precheck {
  const eop = parseEop(req.headers, new URL(req.url), now);
  return { appKey: req.headers.get("appkey")!, timestamp: eop.eopDate, timestampMs: eop.dateMs, sign: `eop:${eop.ak}:${eop.requestId}`, eop };
}

interface AppRow {
  appId: string;
  userId: string;
  secretEnc: string;
  prevSecretEnc: string | null;
  prevSecretExpiresAt: Date | string | null;
  status: string;
  rateLimitPerSec: number;
  codeAppId: string | null;
  codeApi: string | null;
  ipAllow: string[];
  dailyCaps: Partial<Record<ApiKind, number>>;
  /** the EOP request's AccessKey (null for MD5 Sign, or an unknown AK) */
  keyId: string | null;
  keyUserId: string | null;
  keySkEnc: string | null;
  keyStatus: string | null;
  keyLastUsedAt: Date | string | null;
}

/** A jsonb column from a raw query (both drivers parse it; a string is tolerated). */
function jsonOf<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** An active application (and, for EOP, its account's AccessKey), known before the body is read. */
export interface LoadedApp {
  appId: string;
  userId: string;
  rateLimitPerSec: number;
  /** current secret first, then the pre-rotation one during its grace period */
  secrets: string[];
  /** the path's service code belongs to this application and API */
  codeMatches: boolean;
  eopKey: GatewayAccessKey | null;
  /** the owner's IP allow-list (empty: any) and daily caps per API (lib/apps/limits.ts) */
  ipAllow: string[];
  dailyCaps: Partial<Record<ApiKind, number>>;
}

/** A raw timestamptz as a Date (postgres.js and PGlite already parse it; a string is tolerated). */
function toDate(v: Date | string | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}

let lastPurge = 0;
const PURGE_EVERY_MS = 60_000;

/** Drops expired replay signs and old rate windows now and then, off the request's path. */
function maybePurge(db: Db, now: number): void {
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  void Promise.all([purgeExpiredSigns(db), purgeRateWindows(db)]).catch(() => undefined);
}

/** Step 2: the application behind the AppKey (4017) and, for EOP, the AccessKey (4023). */
export async function loadApp(db: Db, route: ResolvedRoute, pre: Precheck, now: Date = new Date()): Promise<LoadedApp> {
  // the AccessKey rides along in the same statement (a left join on the AK; none for MD5 Sign)
  const [row] = await executePrepared<AppRow>(
    db,
    sql`select a.id as "appId", a.user_id as "userId", a.secret_enc as "secretEnc", a.prev_secret_enc as "prevSecretEnc",
        a.prev_secret_expires_at as "prevSecretExpiresAt", a.status, a.rate_limit_per_sec as "rateLimitPerSec",
        c.app_id as "codeAppId", c.api as "codeApi", a.ip_allow as "ipAllow", a.daily_caps as "dailyCaps",
        k.id as "keyId", k.user_id as "keyUserId", k.sk_enc as "keySkEnc", k.status as "keyStatus", k.last_used_at as "keyLastUsedAt"
      from apps a join users u on u.id = a.user_id and not u.disabled
        left join service_codes c on c.code = ${route.serviceCode}
        left join access_keys k on k.ak = ${pre.eop?.ak ?? null}
      where a.app_key = ${pre.appKey} and a.deleted_at is null limit 1`,
  );
  if (!row || row.status !== "active") throw new AuthError(4017, null);
  const key =
    pre.eop && row.keyId !== null
      ? gatewayAccessKey({ id: row.keyId, userId: row.keyUserId!, skEnc: row.keySkEnc!, status: row.keyStatus!, lastUsedAt: row.keyLastUsedAt })
      : null;
  const who = { appId: row.appId, userId: row.userId };
  if (pre.eop && (!key || !key.active || key.userId !== row.userId)) {
    throw new AuthError(4023, who, !key ? `未知的 AccessKey ${pre.eop.ak}` : !key.active ? `AccessKey ${pre.eop.ak} 已停用` : `AccessKey ${pre.eop.ak} 不属于该 AppKey 所在的账户`);
  }
  return {
    ...who,
    rateLimitPerSec: row.rateLimitPerSec,
    secrets: pre.eop ? [] : appSecretsFor({ ...row, prevSecretExpiresAt: toDate(row.prevSecretExpiresAt) }, now),
    codeMatches: row.codeAppId === row.appId && row.codeApi === route.api,
    eopKey: key,
    ipAllow: jsonOf<string[]>(row.ipAllow) ?? [],
    dailyCaps: jsonOf<Partial<Record<ApiKind, number>>>(row.dailyCaps) ?? {},
  };
}

/**
 * The hashes the body is fed to while it streams: for the MD5 Sign one per secret × path
 * (already fed with "AppKey + AppSecret + Timestamp + Path"), for EOP the body's SHA-256.
 */
export function bodyHashes(app: LoadedApp, route: ResolvedRoute, pre: Precheck): Hash[] {
  if (pre.eop) return [crypto.createHash("sha256")];
  return signHashes(pre.appKey, app.secrets, pre.timestamp, route.signPaths);
}

/** Step 3, once the body has been fed to `hashes`: signature, service code, rate limit, replay. */
export async function admit(db: Db, app: LoadedApp, route: ResolvedRoute, pre: Precheck, hashes: Hash[], now: Date = new Date()): Promise<SignedApp> {
  const who = { appId: app.appId, userId: app.userId };
  if (pre.eop) {
    if (!app.eopKey || !verifyEopDigest(pre.eop, app.eopKey.sk, hashes[0]!.digest("hex"))) throw new AuthError(4024, who);
    void touchAccessKey(db, app.eopKey, now).catch(() => undefined);
  } else if (!signMatches(hashes, pre.sign)) {
    throw new AuthError(4014, who);
  }
  if (!app.codeMatches) throw new AuthError(4018, who);
  if (!isAddressAllowed(pre.clientIp ?? null, app.ipAllow)) {
    throw new AuthError(4027, who, `调用来源 IP ${pre.clientIp ?? "（未知）"} 不在该应用的 IP 白名单内`);
  }

  maybePurge(db, now.getTime());
  const [gate] = await executePrepared<{ fresh: number; hits: number; remaining: number; msLeft: number }>(
    db,
    sql`with w as (${rateHitSql(app.appId)}),
        r as (${rememberSignSql(pre.sign, pre.timestampMs, sql`(select count from w) <= ${app.rateLimitPerSec}::int`)})
      select (select count(*) from r)::int as fresh, (select count from w)::int as hits, ${remainingExpr(app.appId, route.api, now)} as remaining,
        (1000 - floor(extract(epoch from now()) * 1000)::bigint % 1000)::int as "msLeft"
      from ${ASYNC_COMMIT}`,
  );
  if (!gate) throw new AuthError(pre.eop ? 4026 : 4016, who);
  if (isOverLimit(Number(gate.hits), app.rateLimitPerSec)) {
    throw new AuthError(4020, who, `每秒最多 ${app.rateLimitPerSec} 次请求`, retryAfterSeconds(Number(gate.msLeft)));
  }
  if (Number(gate.fresh) !== 1) throw new AuthError(pre.eop ? 4026 : 4016, who);
  const cap = app.dailyCaps[route.api];
  if (cap && (await admitDailyCall(db, app.appId, route.api, cap, now)) === null) {
    throw new AuthError(4019, who, `已达该应用${API_LABELS[route.api]}接口的每日调用上限 ${cap} 次（北京时间 0 点重置，可在控制台该应用的“调用限制”中调整）`);
  }
  return { ...who, api: route.api, serviceCode: route.serviceCode, rateLimitPerSec: app.rateLimitPerSec, remaining: Number(gate.remaining), sign: pre.sign };
}

/**
 * Forgets an admitted request's replay key when the request did no work and may be resent
 * as is (5001 busy): the client's identical retry after Retry-After is then not a replay.
 */
export async function forgetSign(db: Db, sign: string): Promise<void> {
  await executePrepared(db, forgetSignSql(sign));
}
