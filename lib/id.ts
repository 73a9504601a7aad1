import crypto from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

function randomString(len: number): string {
  const bytes = crypto.randomBytes(len);
  let out = "";
  for (let i = 0; i < len; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

/** Prefixed random ids: usr_…, app_…, pck_…; readable in logs and URLs. */
export function newId(prefix: string, len = 16): string {
  return `${prefix}_${randomString(len)}`;
}

/** AppKey: 32 lower-case hex characters. */
export function newAppKey(): string {
  return crypto.randomBytes(16).toString("hex");
}

/** AppSecret: 40 url-safe characters. */
export function newAppSecret(): string {
  return crypto.randomBytes(30).toString("base64url");
}

/** Service code: 24 lower-case characters, unique per application and API. */
export function newServiceCode(): string {
  return randomString(24);
}
