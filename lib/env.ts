import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Environment, parsed once. Every variable is documented in .env.example.
 * AUTH_SECRET and APP_ENCRYPTION_KEY may be left unset on a laptop: a random value is
 * then created once in .data/secrets.json so the product starts with nothing configured.
 */
const schema = z.object({
  DATABASE_URL: z.string().optional(),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  APP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{43,44}$/, "APP_ENCRYPTION_KEY must be 32 bytes in base64")
    .optional(),
  OCR_ENGINE_URL: z.string().url().optional(),
  NATS_URL: z.string().optional(),
  ENGINE_NATS_SUBJECT: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "ENGINE_NATS_SUBJECT must be NATS subject tokens")
    .optional(),
  ENGINE_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  SECRET_GRACE_HOURS: z.coerce.number().min(0).default(24),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; APP_ENCRYPTION_KEY: string };

let cached: Env | undefined;

function localSecrets(): { AUTH_SECRET: string; APP_ENCRYPTION_KEY: string } {
  const file = path.join(process.cwd(), ".data", "secrets.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    const s = {
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      APP_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(s), { mode: 0o600, flag: "wx" });
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  const needLocal = !parsed.AUTH_SECRET || !parsed.APP_ENCRYPTION_KEY;
  const local = needLocal ? localSecrets() : undefined;
  cached = {
    ...parsed,
    AUTH_SECRET: parsed.AUTH_SECRET ?? local!.AUTH_SECRET,
    APP_ENCRYPTION_KEY: parsed.APP_ENCRYPTION_KEY ?? local!.APP_ENCRYPTION_KEY,
  };
  return cached;
}
