/**
 * The EOP signature (天翼云 EOP, as the live AI gateway's callers sign today), accepted
 * beside the manual's MD5 Sign on the three open-API routes. Pure functions; the
 * gateway (./auth.ts) loads the AccessKey and remembers the request id.
 *
 * Request headers (names case-insensitive):
 *   appkey                the application's AppKey
 *   ctyun-eop-request-id  a fresh id per request (a UUID)
 *   eop-date              yyyymmddTHHMMSSZ
 *   Eop-Authorization     <AK> Headers=appkey;ctyun-eop-request-id;eop-date Signature=<base64>
 * Headers= lists the signed headers in order; it must include ctyun-eop-request-id and
 * eop-date, and every header it lists must have been sent.
 *
 * String to sign: each signed header as `name:value\n` in the listed order, then `\n`,
 * then the query's `k=v` pairs sorted (by key, then value) and joined by `&` (empty when
 * there is none), then `\n`, then the lowercase hex SHA-256 of the raw body.
 *
 * Key: kTime = HMAC-SHA256(SK, eop-date); kAk = HMAC-SHA256(kTime, AK);
 *      kDate = HMAC-SHA256(kAk, eop-date's first 8 characters);
 *      Signature = base64(HMAC-SHA256(kDate, string to sign)), compared in constant time.
 *
 * eop-date window: scripts in the wild format eop-date from local time and still append
 * `Z`. We read the date as UTC and accept it when it lies within TIMESTAMP_WINDOW_MS
 * (5 minutes) either way of the server's UTC time, or within 5 minutes either way of the
 * server's time read as UTC+8 (Beijing time written with a Z). Nothing else: a date 1, 7
 * or 9 hours off is refused (4025). Because of the second window a signed request could
 * be valid again up to 8 hours later, so its request id is remembered until the later
 * window has closed (the date read as UTC + 5 minutes), and a replay within it is 4026.
 */
import crypto from "node:crypto";
import { ApiError } from "@/lib/api/codes";
import { safeEqual } from "@/lib/crypto";
import { TIMESTAMP_WINDOW_MS } from "@/lib/signature";

/** Beijing time minus UTC: an eop-date written from a China clock is this far ahead. */
export const UTC8_OFFSET_MS = 8 * 3600_000;

export const EOP_AUTH_HEADER = "eop-authorization";
export const EOP_REQUIRED_SIGNED = ["ctyun-eop-request-id", "eop-date"] as const;

const AUTH_RE = /^\s*([A-Za-z0-9_-]{1,128})\s+Headers=([A-Za-z0-9;_-]{1,512})\s+Signature=([A-Za-z0-9+/=_-]{1,256})\s*$/;
const DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const REQUEST_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

export interface EopCredentials {
  ak: string;
  /** the signed header names, lower-case, in the order listed */
  signedHeaders: string[];
  /** the Signature as sent (base64) */
  signature: string;
  requestId: string;
  eopDate: string;
  /** eop-date read as UTC, in ms */
  dateMs: number;
  /** the string to sign up to and including the `\n` before the body hash */
  head: string;
}

/** True when the request carries an Eop-Authorization header (so it is signed the EOP way). */
export function isEopRequest(headers: Headers): boolean {
  return headers.has(EOP_AUTH_HEADER);
}

/** eop-date read as UTC (ms), or null when it is not a real yyyymmddTHHMMSSZ time. */
export function parseEopDate(raw: string): number | null {
  const m = DATE_RE.exec(raw);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return ms;
}

/** The date is within the window of server UTC time, or of server time read as UTC+8. */
export function eopDateAccepted(dateMs: number, now: number): boolean {
  return Math.abs(now - dateMs) <= TIMESTAMP_WINDOW_MS || Math.abs(now + UTC8_OFFSET_MS - dateMs) <= TIMESTAMP_WINDOW_MS;
}

/** The last moment at which a request with this date is accepted (its request id is remembered until then). */
export function eopReplayUntil(dateMs: number): number {
  return dateMs + TIMESTAMP_WINDOW_MS;
}

/** The query's k=v pairs, sorted by key then value, joined by & ("" when there is none). */
export function canonicalQuery(search: URLSearchParams): string {
  return [...search]
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function malformed(details: string): ApiError {
  return new ApiError(4022, details);
}

/**
 * Parses and checks what needs no database: the four headers, the signed-header list, the
 * date's window (4025). Throws ApiError 4022 saying which part is wrong.
 */
export function parseEop(headers: Headers, url: URL, now: number): EopCredentials {
  const auth = headers.get(EOP_AUTH_HEADER) ?? "";
  const m = AUTH_RE.exec(auth);
  if (!m) throw malformed("Eop-Authorization 格式应为 <AK> Headers=appkey;ctyun-eop-request-id;eop-date Signature=<Base64>");
  const [, ak, list, signature] = m as unknown as [string, string, string, string];
  const signedHeaders = list.split(";").map((h) => h.trim().toLowerCase());
  if (signedHeaders.some((h) => !h) || new Set(signedHeaders).size !== signedHeaders.length) {
    throw malformed("Headers= 须为以分号分隔、不重复的请求头名称");
  }
  for (const need of EOP_REQUIRED_SIGNED) {
    if (!signedHeaders.includes(need)) throw malformed(`Headers= 须包含 ${need}`);
  }
  const lines: string[] = [];
  for (const name of signedHeaders) {
    const value = headers.get(name);
    if (value === null) throw malformed(`Headers= 列出了 ${name}，但请求未带该请求头`);
    lines.push(`${name}:${value}\n`);
  }
  if (!headers.get("appkey")) throw malformed("缺少 appkey 请求头");
  const requestId = headers.get("ctyun-eop-request-id")!;
  if (!REQUEST_ID_RE.test(requestId)) throw malformed("ctyun-eop-request-id 须为 1–128 位字母、数字或连字符（建议 UUID）");
  const eopDate = headers.get("eop-date")!;
  const dateMs = parseEopDate(eopDate);
  if (dateMs === null) throw malformed("eop-date 格式应为 yyyymmddTHHMMSSZ，如 20260101T120000Z");
  if (!eopDateAccepted(dateMs, now)) {
    throw new ApiError(4025, `eop-date ${eopDate} 与服务器时间（UTC 或北京时间）相差超过 ${TIMESTAMP_WINDOW_MS / 60_000} 分钟，请校准本机时钟`);
  }
  return { ak, signedHeaders, signature, requestId, eopDate, dateMs, head: lines.join("") + "\n" + canonicalQuery(url.searchParams) + "\n" };
}

const hmac = (key: crypto.BinaryLike, data: string): Buffer => crypto.createHmac("sha256", key).update(data, "utf8").digest();

/** kDate for an SK, AK and eop-date. */
export function eopSigningKey(sk: string, ak: string, eopDate: string): Buffer {
  const kTime = hmac(sk, eopDate);
  const kAk = hmac(kTime, ak);
  return hmac(kAk, eopDate.slice(0, 8));
}

export function sha256Hex(body: Uint8Array | string): string {
  return crypto.createHash("sha256").update(body).digest("hex");
}

/** base64(HMAC-SHA256(kDate, stringToSign)). */
export function eopSignature(sk: string, ak: string, eopDate: string, stringToSign: string): string {
  return crypto.createHmac("sha256", eopSigningKey(sk, ak, eopDate)).update(stringToSign, "utf8").digest("base64");
}

/** True when the request's Signature is the one its SK gives for this body (constant-time). */
export function verifyEop(cred: EopCredentials, sk: string, body: Uint8Array): boolean {
  return verifyEopDigest(cred, sk, sha256Hex(body));
}

/** verifyEop for a body already hashed while it streamed (lowercase hex SHA-256). */
export function verifyEopDigest(cred: EopCredentials, sk: string, bodySha256Hex: string): boolean {
  return safeEqual(eopSignature(sk, cred.ak, cred.eopDate, cred.head + bodySha256Hex), cred.signature);
}

/** Everything a client needs to sign a request (tests, the benchmark and the docs' samples follow the same steps). */
export function signEop(o: {
  ak: string;
  sk: string;
  appKey: string;
  body: Uint8Array | string;
  requestId?: string;
  eopDate?: string;
  query?: URLSearchParams;
}): Record<string, string> {
  const requestId = o.requestId ?? crypto.randomUUID();
  const eopDate = o.eopDate ?? formatEopDate(new Date());
  const head = `appkey:${o.appKey}\nctyun-eop-request-id:${requestId}\neop-date:${eopDate}\n\n${o.query ? canonicalQuery(o.query) : ""}\n`;
  const signature = eopSignature(o.sk, o.ak, eopDate, head + sha256Hex(o.body));
  return {
    appkey: o.appKey,
    "ctyun-eop-request-id": requestId,
    "eop-date": eopDate,
    "Eop-Authorization": `${o.ak} Headers=appkey;ctyun-eop-request-id;eop-date Signature=${signature}`,
  };
}

/** yyyymmddTHHMMSSZ of a time in UTC (shift it by UTC8_OFFSET_MS for a China clock's local time). */
export function formatEopDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
