import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Environment, parsed once. Every variable is documented in .env.example.
 * AUTH_SECRET and APP_ENCRYPTION_KEY may be left unset on a laptop: a random value is
 * then created once in .data/secrets.json so the product starts with nothing configured.
 * That file is only a convenience beside the embedded PGlite database in .data/ — see
 * secretsProblem() for when it is refused.
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
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  SUPPORT_CONTACT: z.string().min(1).default("平台运营人员"),
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

type Vars = Record<string, string | undefined>;

const HOW = "生成方法 / generate with: openssl rand -base64 32";

/**
 * Why this process may not fall back to .data/secrets.json, or null when it may:
 *  - a production server (NODE_ENV=production, outside `next build`) needs AUTH_SECRET and
 *    APP_ENCRYPTION_KEY from its environment, unless it is the demo (DEMO=1);
 *  - with DATABASE_URL on another machine (a lasting, shared PostgreSQL) the encryption key must
 *    come from the environment: a key generated into this machine's .data/ is lost with the
 *    folder (every AppSecret then undecryptable, every call 5000) and a second instance would
 *    generate a different one. A PostgreSQL on this machine's loopback (a developer's, the
 *    tests') may still use the file outside production, as may the demo (DEMO=1).
 */
function isLoopbackUrl(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function secretsProblem(vars: Vars = process.env): string | null {
  const missing = ["AUTH_SECRET", "APP_ENCRYPTION_KEY"].filter((k) => !vars[k]);
  if (missing.length === 0) return null;
  const demo = vars.DEMO === "1";
  const building = vars.NEXT_PHASE === "phase-production-build";
  if (vars.NODE_ENV === "production" && !demo && !building) {
    return `生产环境必须设置 ${missing.join(" 和 ")}（refusing to start in production without ${missing.join(" and ")}; ${HOW}）。演示请用 npm run demo。`;
  }
  if (vars.DATABASE_URL && !isLoopbackUrl(vars.DATABASE_URL) && !vars.APP_ENCRYPTION_KEY && !demo && vars.NODE_ENV !== "test" && !building) {
    return `使用 DATABASE_URL 时必须在环境中设置 APP_ENCRYPTION_KEY，否则密钥只存在本机 .data/ 中，丢失后所有 AppSecret 无法解密（APP_ENCRYPTION_KEY is required with DATABASE_URL; ${HOW}）。`;
  }
  return null;
}

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.parse(process.env);
  const needLocal = !parsed.AUTH_SECRET || !parsed.APP_ENCRYPTION_KEY;
  if (needLocal) {
    const problem = secretsProblem();
    if (problem) throw new Error(problem);
  }
  const local = needLocal ? localSecrets() : undefined;
  cached = {
    ...parsed,
    AUTH_SECRET: parsed.AUTH_SECRET ?? local!.AUTH_SECRET,
    APP_ENCRYPTION_KEY: parsed.APP_ENCRYPTION_KEY ?? local!.APP_ENCRYPTION_KEY,
  };
  return cached;
}
