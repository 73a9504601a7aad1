import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { API_KINDS, createdAt, ts, updatedAt, type ApiKindColumn } from "./_shared";
import { users } from "./accounts";

export const apps = pgTable(
  "apps",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    appKey: text("app_key").notNull().unique(),
    /** AES-256-GCM ciphertext of the AppSecret (lib/crypto) */
    secretEnc: text("secret_enc").notNull(),
    /** the secret before the last rotation, accepted until prevSecretExpiresAt */
    prevSecretEnc: text("prev_secret_enc"),
    prevSecretExpiresAt: ts("prev_secret_expires_at"),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    disabledReason: text("disabled_reason"),
    /** who disabled it: the owner may re-enable only what the owner disabled */
    disabledBy: text("disabled_by", { enum: ["user", "operator"] }),
    /** requests per second; the owner sets it up to the account's qps_ceiling (operators may set it too) */
    rateLimitPerSec: integer("rate_limit_per_sec").notNull().default(10),
    /** client addresses and CIDR ranges allowed to call (empty: any); see lib/apps/limits.ts */
    ipAllow: jsonb("ip_allow").$type<string[]>().notNull().default([]),
    /** owner-set cap of calls per Asia/Shanghai day, per API (absent: no cap) */
    dailyCaps: jsonb("daily_caps").$type<Partial<Record<ApiKindColumn, number>>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    uniqueIndex("apps_user_name_live").on(t.userId, t.name).where(sql`deleted_at is null`),
    index("apps_user").on(t.userId),
  ],
);

export const serviceCodes = pgTable(
  "service_codes",
  {
    code: text("code").primaryKey(),
    appId: text("app_id").notNull().references(() => apps.id),
    api: text("api", { enum: API_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("service_codes_app_api").on(t.appId, t.api)],
);

/** Calls admitted per application, API and Asia/Shanghai day, counted only for APIs with a daily cap. */
export const appDailyCalls = pgTable(
  "app_daily_calls",
  {
    appId: text("app_id").notNull().references(() => apps.id),
    api: text("api", { enum: API_KINDS }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appId, t.api, t.day] })],
);

export type App = typeof apps.$inferSelect;
export type ServiceCode = typeof serviceCodes.$inferSelect;
