/**
 * Authentication of a signed open-API request (AppKey, Timestamp, Sign, replay,
 * service code) and its admission (rate limit), with as few round trips as possible:
 * one query loads the application, its secrets and the path's service code; one
 * statement then remembers the Sign, counts the request for the rate limit and reads
 * the calls left for this API. Replay signs and rate windows are committed without
 * waiting for the WAL flush (ASYNC_COMMIT): losing the last fraction of a second of
 * them in a PostgreSQL crash is harmless, and it keeps the hot path off the disk.
 */
import { sql } from "drizzle-orm";
import { executePrepared, type Db } from "@/db";
import { ApiError } from "@/lib/api/codes";
import { appSecretsFor } from "@/lib/apps/secrets";
import type { ApiKind } from "@/lib/engine/types";
import { accessKeyForGateway, touchAccessKey } from "@/lib/accounts/access-keys";
import { ASYNC_COMMIT } from "@/lib/metering/record";
import { remainingExpr } from "@/lib/quota/remaining";
import { isOverLimit, rateHitSql, purgeRateWindows } from "@/lib/ratelimit";
import { normalizeSign, parseTimestamp, verifySign } from "@/lib/signature";
import { purgeExpiredSigns, rememberSignSql } from "@/lib/signature/replay";
import { parseEop, verifyEop, type EopCredentials } from "./eop";
import type { ResolvedRoute } from "./routes";

export interface SignedApp {
  appId: string;
  userId: string;
  api: ApiKind;
  serviceCode: string;
  rateLimitPerSec: number;
  /** calls left for this API when the request was admitted */
  remaining: number;
}

/** An ApiError that also says which application it concerns, for metering. */
export class AuthError extends ApiError {
  constructor(
    code: ConstructorParameters<typeof ApiError>[0],
    public readonly app: { appId: string; userId: string } | null,
    details?: string,
  ) {
    super(code, details);
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
 * What authenticate needs from the headers. `sign` is the replay key and `timestampMs` +
 * the window its expiry; an EOP request carries its credentials in `eop` (its replay key
 * is the AK and request id, its expiry from eop-date: see lib/gateway/eop.ts).
 */
export interface Precheck {
  appKey: string;
  timestamp: string;
  timestampMs: number;
  sign: string;
  eop?: EopCredentials;
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

/** precheck for an EOP-signed request (4022, 4025). */
export function eopPrecheck(req: Request, now: number = Date.now()): Precheck {
  const eop = parseEop(req.headers, new URL(req.url), now);
  return { appKey: req.headers.get("appkey")!, timestamp: eop.eopDate, timestampMs: eop.dateMs, sign: `eop:${eop.ak}:${eop.requestId}`, eop };
}

export async function authenticate(
  db: Db,
  route: ResolvedRoute,
  pre: Precheck,
  body: Buffer,
  now: Date = new Date(),
): Promise<SignedApp> {
  const [[row], key] = await Promise.all([executePrepared<AppRow>(
    db,
    sql`select a.id as "appId", a.user_id as "userId", a.secret_enc as "secretEnc", a.prev_secret_enc as "prevSecretEnc",
        a.prev_secret_expires_at as "prevSecretExpiresAt", a.status, a.rate_limit_per_sec as "rateLimitPerSec",
        c.app_id as "codeAppId", c.api as "codeApi"
      from apps a left join service_codes c on c.code = ${route.serviceCode}
      where a.app_key = ${pre.appKey} and a.deleted_at is null limit 1`,
  ), pre.eop ? accessKeyForGateway(db, pre.eop.ak) : null]);
  if (!row || row.status !== "active") throw new AuthError(4017, null);
  const who = { appId: row.appId, userId: row.userId };

  if (pre.eop) {
    if (!key || !key.active || key.userId !== row.userId) {
      throw new AuthError(4023, who, !key ? `未知的 AccessKey ${pre.eop.ak}` : !key.active ? `AccessKey ${pre.eop.ak} 已停用` : `AccessKey ${pre.eop.ak} 不属于该 AppKey 所在的账户`);
    }
    if (!verifyEop(pre.eop, key.sk, body)) throw new AuthError(4024, who);
    void touchAccessKey(db, key, now).catch(() => undefined);
  } else {
    const secrets = appSecretsFor({ ...row, prevSecretExpiresAt: toDate(row.prevSecretExpiresAt) }, now);
    if (!verifySign({ appKey: pre.appKey, secrets, timestamp: pre.timestamp, paths: route.signPaths, body, sign: pre.sign })) {
      throw new AuthError(4014, who);
    }
  }
  if (row.codeAppId !== row.appId || row.codeApi !== route.api) throw new AuthError(4018, who);

  maybePurge(db, now.getTime());
  const [gate] = await executePrepared<{ fresh: number; hits: number; remaining: number }>(
    db,
    sql`with r as (${rememberSignSql(pre.sign, pre.timestampMs)}), w as (${rateHitSql(row.appId)})
      select (select count(*) from r)::int as fresh, (select count from w)::int as hits, ${remainingExpr(row.appId, route.api, now)} as remaining
      from ${ASYNC_COMMIT}`,
  );
  if (!gate || Number(gate.fresh) !== 1) throw new AuthError(pre.eop ? 4026 : 4016, who);
  if (isOverLimit(Number(gate.hits), row.rateLimitPerSec)) throw new AuthError(4020, who, `每秒最多 ${row.rateLimitPerSec} 次请求`);
  return {
    appId: row.appId,
    userId: row.userId,
    api: route.api,
    serviceCode: route.serviceCode,
    rateLimitPerSec: row.rateLimitPerSec,
    remaining: Number(gate.remaining),
  };
}
