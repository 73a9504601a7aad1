import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { API_KINDS, createdAt, ts, updatedAt } from "./_shared";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    name: text("name").notNull().default(""),
    phone: text("phone").notNull().default(""),
    role: text("role", { enum: ["customer", "operator"] }).notNull().default("customer"),
    /** account balance in fen (分) */
    balanceFen: bigint("balance_fen", { mode: "number" }).notNull().default(0),
    realName: text("real_name"),
    /** ID number masked for display (110***********1234); the full number is not kept */
    idNumberMasked: text("id_number_masked"),
    /** legacy: plain sha-256 of the ID number (before id_fingerprint); moved by db/migrate and then null */
    idNumberHash: text("id_number_hash"),
    /** HMAC-SHA256 of the ID number with a server key (lib/accounts/fingerprint.ts); one account per number */
    idFingerprint: text("id_fingerprint"),
    verifiedAt: ts("verified_at"),
    /** when the owner opened the e-mail verification link (lib/accounts/email-verify.ts); null = 邮箱未验证 */
    emailVerifiedAt: ts("email_verified_at"),
    /** the version of 《用户协议》《隐私政策》 accepted at sign-up (lib/legal.ts) and when */
    termsVersion: text("terms_version"),
    termsAcceptedAt: ts("terms_accepted_at"),
    /** suspended by an operator: no sign-in, no console, no API */
    disabled: boolean("disabled").notNull().default(false),
    disabledReason: text("disabled_reason"),
    /** bumped when the password changes (or the account is suspended): older sessions end */
    sessionVersion: integer("session_version").notNull().default(0),
    webhookUrl: text("webhook_url"),
    webhookSecretEnc: text("webhook_secret_enc"),
    /** the highest QPS an owner may give one of this account's applications (operator-set) */
    qpsCeiling: integer("qps_ceiling").notNull().default(10),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_id_fingerprint").on(t.idFingerprint).where(sql`id_fingerprint is not null`)],
);

/**
 * Attempt counters for abuse limits (sign-in failures, registrations, ID photo reads, real-name
 * attempts), one row per key such as `signin:email:a@b.c`; changed only by one atomic upsert
 * (lib/ratelimit/attempts.ts).
 */
export const attemptCounters = pgTable("attempt_counters", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: ts("window_start").notNull(),
  lastAt: ts("last_at").notNull(),
});

/**
 * Free quota claimed, once per account and API and once per person (ID fingerprint) and API.
 * `person` is the account's id_fingerprint (rows from before this table: `user:<id>`).
 */
export const freeClaims = pgTable(
  "free_claims",
  {
    person: text("person").notNull(),
    api: text("api", { enum: API_KINDS }).notNull(),
    userId: text("user_id").notNull(),
    appId: text("app_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.person, t.api] }), uniqueIndex("free_claims_user_api").on(t.userId, t.api)],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

/**
 * Account-level AccessKeys for the EOP signature (lib/gateway/eop.ts): the AK is public,
 * the SK is AES-GCM encrypted like the AppSecret and shown once at creation. At most two
 * per account (lib/accounts/access-keys.ts).
 */
export const accessKeys = pgTable(
  "access_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    ak: text("ak").notNull().unique(),
    skEnc: text("sk_enc").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [index("access_keys_user").on(t.userId)],
);

export type AccessKey = typeof accessKeys.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
