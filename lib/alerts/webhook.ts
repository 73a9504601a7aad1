/**
 * Webhook notifications of alert events. Each account may set one HTTPS URL; every
 * raised or resolved alert queues a delivery (webhook_deliveries) whose JSON body is
 * signed with the account's webhook secret:
 *
 *   X-OCR-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * Deliveries are claimed with FOR UPDATE SKIP LOCKED (one instance sends each), sent
 * with a 10 s timeout, and retried with backoff (30 s · 2^(n-1) after attempt n) up to
 * MAX_ATTEMPTS; the log keeps the last status code or error.
 */
import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { alertEvents, apps, users, webhookDeliveries } from "@/db/schema";
import { decryptSecret, encryptSecret, safeEqual } from "@/lib/crypto";
import { BlockedAddressError, checkPublicUrl, publicRequest, type OutboundOptions } from "@/lib/net/outbound";

export const SIGNATURE_HEADER = "X-OCR-Signature";
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_MS = 30_000;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** how long a claimed delivery is leased to the instance sending it */
const LEASE_MS = 60_000;

export type WebhookEventType = "alert.opened" | "alert.resolved" | "webhook.test";

export type UrlOptions = OutboundOptions;

/**
 * An HTTPS URL on a public address (or, with allowHttpLocal, http://127.0.0.1), else the reason
 * it is refused. The check at connect time (lib/net/outbound.ts) is what really holds: this one
 * only refuses what is visibly local before it is saved.
 */
export function checkWebhookUrl(raw: string, opts: UrlOptions = {}): { ok: true; url: string } | { ok: false; message: string } {
  const r = checkPublicUrl(raw, opts);
  if (r.ok) return { ok: true, url: r.url.toString() };
  return { ok: false, message: r.message.replace(/^地址/, "Webhook 地址") };
}

export function backoffMs(attempt: number): number {
  return BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1);
}

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** For receivers (and tests): true when the header signs `body` with `secret` within `toleranceSec`. */
export function verifySignature(secret: string, body: string, header: string, nowSec: number, toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSec - t) > toleranceSec) return false;
  return safeEqual(signBody(secret, body, t).split("v1=")[1]!, parts.v1);
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}

export interface WebhookSettings {
  url: string | null;
  hasSecret: boolean;
}

export async function getWebhookSettings(db: DbOrTx, userId: string): Promise<WebhookSettings> {
  const [u] = await db.select({ url: users.webhookUrl, enc: users.webhookSecretEnc }).from(users).where(eq(users.id, userId));
  return { url: u?.url ?? null, hasSecret: !!u?.enc };
}

/**
 * Sets (or with an empty string removes) the account's webhook URL. A secret is created
 * the first time (or when `rotate`), and returned in clear only then.
 */
export async function setWebhook(
  db: DbOrTx,
  userId: string,
  input: { url: string; rotate?: boolean },
  opts: UrlOptions = {},
): Promise<{ ok: true; secret: string | null } | { ok: false; message: string }> {
  if (input.url.trim() === "") {
    await db.update(users).set({ webhookUrl: null, updatedAt: new Date() }).where(eq(users.id, userId));
    return { ok: true, secret: null };
  }
  const checked = checkWebhookUrl(input.url, opts);
  if (!checked.ok) return checked;
  const current = await getWebhookSettings(db, userId);
  const secret = input.rotate || !current.hasSecret ? newWebhookSecret() : null;
  await db
    .update(users)
    .set({ webhookUrl: checked.url, ...(secret ? { webhookSecretEnc: encryptSecret(secret) } : {}), updatedAt: new Date() })
    .where(eq(users.id, userId));
  return { ok: true, secret };
}

/** Queues one delivery per event whose account has a webhook URL. */
export async function enqueueDeliveries(db: DbOrTx, eventIds: string[], type: WebhookEventType, now: Date): Promise<number> {
  if (eventIds.length === 0) return 0;
  const rows = await db
    .select({ ev: alertEvents, url: users.webhookUrl, appName: apps.name })
    .from(alertEvents)
    .innerJoin(users, eq(users.id, alertEvents.userId))
    .innerJoin(apps, eq(apps.id, alertEvents.appId))
    .where(inArray(alertEvents.id, eventIds));
  const values = rows
    .filter((r) => r.url)
    .map((r) => ({
      userId: r.ev.userId,
      eventId: r.ev.id,
      url: r.url!,
      payload: {
        type,
        created: Math.floor(now.getTime() / 1000),
        alert: {
          id: r.ev.id,
          app_id: r.ev.appId,
          app_name: r.appName,
          kind: r.ev.kind,
          subject: r.ev.subject,
          level: r.ev.level,
          message: r.ev.message,
          opened_at: r.ev.openedAt.toISOString(),
          cleared_at: r.ev.clearedAt?.toISOString() ?? null,
        },
      },
      nextAttemptAt: now,
    }));
  if (values.length > 0) await db.insert(webhookDeliveries).values(values);
  return values.length;
}

/** One 发送测试 per account per this many ms. */
export const TEST_DELIVERY_INTERVAL_MS = 30_000;
/** Deliveries of one account sent at once in a round (the rest wait for the next round). */
export const PER_CUSTOMER_DELIVERIES = 2;

/**
 * Queues a test delivery to the account's URL (the 发送测试 button): "no_url" without a
 * URL, "too_soon" when the account queued one less than TEST_DELIVERY_INTERVAL_MS ago.
 */
export async function enqueueTestDelivery(db: DbOrTx, userId: string, now: Date): Promise<true | "no_url" | "too_soon"> {
  const s = await getWebhookSettings(db, userId);
  if (!s.url) return "no_url";
  const [recent] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from webhook_deliveries
      where user_id = ${userId} and event_id = 'test' and created_at > ${new Date(now.getTime() - TEST_DELIVERY_INTERVAL_MS).toISOString()}::timestamptz`),
  );
  if (Number(recent?.n ?? 0) > 0) return "too_soon";
  await db.insert(webhookDeliveries).values({
    userId,
    eventId: "test",
    url: s.url,
    payload: { type: "webhook.test", created: Math.floor(now.getTime() / 1000), alert: null },
    nextAttemptAt: now,
  });
  return true;
}

export interface DeliverOptions extends UrlOptions {
  now?: Date;
  limit?: number;
  /** only this account's deliveries (the 发送测试 button) */
  userId?: string;
  /** only these accounts' deliveries (tests) */
  userIds?: string[];
}

interface Claimed {
  id: number;
  user_id: string;
  url: string;
  payload: unknown;
  attempts: number;
  secret_enc: string | null;
}

/** Sends the deliveries that are due; returns how many were delivered and how many failed this round. */
export async function deliverDue(db: DbOrTx, opts: DeliverOptions = {}): Promise<{ delivered: number; retrying: number; failed: number }> {
  const now = opts.now ?? new Date();
  const claimed = rowsOf<Claimed>(
    await db.execute(sql`with locked as (
        select id, user_id, next_attempt_at from webhook_deliveries
        where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz ${opts.userId ? sql`and user_id = ${opts.userId}` : sql``}
          ${opts.userIds ? sql`and user_id in (${sql.join(opts.userIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
        order by next_attempt_at limit ${(opts.limit ?? 50) * 4}
        for update skip locked
      ), due as (
        select id from (
          select id, next_attempt_at, row_number() over (partition by user_id order by next_attempt_at, id) as k from locked
        ) x where k <= ${PER_CUSTOMER_DELIVERIES} order by next_attempt_at limit ${opts.limit ?? 50}
      )
      update webhook_deliveries d set attempts = d.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
      from due, users u where d.id = due.id and u.id = d.user_id
      returning d.id, d.user_id, d.url, d.payload, d.attempts, u.webhook_secret_enc as secret_enc`),
  );
  const tally = { delivered: 0, retrying: 0, failed: 0 };
  // In parallel: at most PER_CUSTOMER_DELIVERIES per account were claimed, so one slow
  // customer URL holds its own deliveries, not everyone's (nor the scheduler's tick).
  await Promise.all(claimed.map((c) => deliverOne(db, c, opts, now, tally)));
  return tally;
}

/**
 * POSTs a JSON body signed with the (encrypted) key, through lib/net/outbound: every resolved
 * address checked at connect time and pinned, no redirects, DELIVERY_TIMEOUT_MS. Returns the
 * HTTP status and, unless it was 2xx, what went wrong in words for the delivery log.
 */
export async function postSigned(
  url: string,
  secretEnc: string,
  body: string,
  headers: Record<string, string>,
  opts: OutboundOptions,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await publicRequest(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signBody(decryptSecret(secretEnc), body, Math.floor(Date.now() / 1000)),
          ...headers,
        },
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      },
      opts,
    );
    return { status: res.status, error: res.status < 200 || res.status >= 300 ? `HTTP ${res.status}` : null };
  } catch (e) {
    return { status: null, error: e instanceof BlockedAddressError ? e.message : e instanceof Error ? (e.name === "TimeoutError" ? "超时" : e.message) : "发送失败" };
  }
}

async function deliverOne(db: DbOrTx, c: Claimed, opts: DeliverOptions, now: Date, tally: { delivered: number; retrying: number; failed: number }): Promise<void> {
  const body = JSON.stringify(c.payload);
  let status: number | null = null;
  let error: string | null = null;
  const checked = checkWebhookUrl(c.url, opts);
  if (!checked.ok) error = checked.message;
  else if (!c.secret_enc) error = "未设置签名密钥";
  else {
    ({ status, error } = await postSigned(checked.url, c.secret_enc, body, { "user-agent": "ocr-cloud-webhook/1", "X-OCR-Delivery": String(c.id) }, opts));
  }
  if (!error) {
    tally.delivered++;
    await db
      .update(webhookDeliveries)
      .set({ status: "delivered", lastStatusCode: status, lastError: null, deliveredAt: new Date() })
      .where(eq(webhookDeliveries.id, c.id));
  } else if (c.attempts >= MAX_ATTEMPTS) {
    tally.failed++;
    await db.update(webhookDeliveries).set({ status: "failed", lastStatusCode: status, lastError: error }).where(eq(webhookDeliveries.id, c.id));
  } else {
    tally.retrying++;
    await db
      .update(webhookDeliveries)
      .set({ lastStatusCode: status, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(c.attempts)) })
      .where(eq(webhookDeliveries.id, c.id));
  }
}

export async function listDeliveries(db: DbOrTx, userId: string, limit = 20) {
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      url: webhookDeliveries.url,
      attempts: webhookDeliveries.attempts,
      status: webhookDeliveries.status,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      type: sql<string>`${webhookDeliveries.payload}->>'type'`,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.userId, userId)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}
