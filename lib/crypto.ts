import crypto from "node:crypto";
import { env } from "./env";

/**
 * AES-256-GCM for secrets at rest (AppSecret, webhook secrets).
 * Stored as "v1:" + base64(iv | tag | ciphertext).
 */
function key(): Buffer {
  return Buffer.from(env().APP_ENCRYPTION_KEY, "base64");
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return "v1:" + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64");
}

export function decryptSecret(stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("unknown secret format");
  const raw = Buffer.from(stored.slice(3), "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** Constant-time string comparison (for signatures and tokens). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    crypto.timingSafeEqual(ab, ab); // spend the same time either way
    return false;
  }
  return crypto.timingSafeEqual(ab, bb);
}

export function sha256Hex(s: string): string {
  return crypto.createHash("sha256").update(s).digest("hex");
}
