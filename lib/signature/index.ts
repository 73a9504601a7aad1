/**
 * The open API's request signature (用户操作手册 4.1–4.3):
 *   Sign = lowercase hex MD5(AppKey + AppSecret + Timestamp + Path + Body)
 * where Path is the request path without host or query and Body the raw bytes as sent.
 * Pure functions; the replay store is in ./replay.ts.
 */
import crypto, { type Hash } from "node:crypto";
import { safeEqual } from "@/lib/crypto";

/** How far a Timestamp may be from server time, either way. */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

const SIGN_RE = /^[0-9a-fA-F]{32}$/;
const TIMESTAMP_RE = /^\d{13}$/;

export function computeSign(appKey: string, appSecret: string, timestamp: string, path: string, body: Uint8Array | string): string {
  return crypto
    .createHash("md5")
    .update(appKey + appSecret + timestamp + path, "utf8")
    .update(typeof body === "string" ? Buffer.from(body, "utf8") : body)
    .digest("hex");
}

/** A 13-digit millisecond timestamp within the window of `now`, or null. */
export function parseTimestamp(raw: string | null, now: number = Date.now()): number | null {
  if (!raw || !TIMESTAMP_RE.test(raw)) return null;
  const ts = Number(raw);
  return Math.abs(now - ts) <= TIMESTAMP_WINDOW_MS ? ts : null;
}

/** A syntactically valid Sign header, lower-cased, or null. */
export function normalizeSign(raw: string | null): string | null {
  return raw && SIGN_RE.test(raw) ? raw.toLowerCase() : null;
}

export interface SignInput {
  appKey: string;
  /** current secret first, then the pre-rotation secret while its grace period lasts */
  secrets: string[];
  timestamp: string;
  /** the paths the signer may have used (see signPaths in lib/gateway/routes) */
  paths: string[];
  body: Uint8Array;
  sign: string;
}

/**
 * True when `sign` matches one of the secret × path candidates. Each comparison is
 * constant-time; which candidate matched is not secret, so we stop at the first match.
 */
export function verifySign(input: SignInput): boolean {
  for (const secret of input.secrets) {
    for (const path of input.paths) {
      if (safeEqual(computeSign(input.appKey, secret, input.timestamp, path, input.body), input.sign)) return true;
    }
  }
  return false;
}

/**
 * The streaming form of verifySign, for a body not read yet: one MD5 per secret × path,
 * already fed with "AppKey + AppSecret + Timestamp + Path". The caller updates each with
 * the body's chunks as they arrive, then asks signMatches.
 */
export function signHashes(appKey: string, secrets: string[], timestamp: string, paths: string[]): Hash[] {
  return secrets.flatMap((secret) => paths.map((path) => crypto.createHash("md5").update(appKey + secret + timestamp + path, "utf8")));
}

/** True when one of the fed hashes (from signHashes) equals `sign`; each comparison constant-time. */
export function signMatches(hashes: Hash[], sign: string): boolean {
  let ok = false;
  for (const h of hashes) ok = safeEqual(h.digest("hex"), sign) || ok;
  return ok;
}
