import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { API_KINDS, createdAt, ts, updatedAt } from "./_shared";
import { apps } from "./apps";

/** A yearly pack of calls for one application and API. Used earliest-expiry first. */
export const quotaPacks = pgTable(
  "quota_packs",
  {
    id: text("id").primaryKey(),
    appId: text("app_id").notNull().references(() => apps.id),
    api: text("api", { enum: API_KINDS }).notNull(),
    /** tier size in calls (1000, 10000, 100000, 1000000, 10000000) */
    tier: integer("tier").notNull(),
    callsTotal: integer("calls_total").notNull(),
    callsUsed: integer("calls_used").notNull().default(0),
    source: text("source", { enum: ["free", "order", "operator", "seed"] }).notNull(),
    orderId: text("order_id"),
    startsAt: ts("starts_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    status: text("status", { enum: ["active", "cancelled"] }).notNull().default("active"),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("quota_packs_app_api_exp").on(t.appId, t.api, t.expiresAt),
    uniqueIndex("quota_packs_one_free").on(t.appId, t.api).where(sql`source = 'free'`),
  ],
);

/** Price per API and tier, in fen; a public-beta price applies until betaEndsAt. */
export const prices = pgTable(
  "prices",
  {
    api: text("api", { enum: API_KINDS }).notNull(),
    tier: integer("tier").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    betaPriceFen: integer("beta_price_fen"),
    betaEndsAt: ts("beta_ends_at"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.api, t.tier] })],
);

export type QuotaPack = typeof quotaPacks.$inferSelect;
export type Price = typeof prices.$inferSelect;
