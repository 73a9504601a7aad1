import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, ts } from "./_shared";
import { apps } from "./apps";
import { users } from "./accounts";

export const ALERT_KINDS = [
  "quota_low_percent",
  "quota_low_calls",
  "quota_exhausted",
  "pack_expiring",
  "error_rate",
  "latency_p95",
  "sign_failures",
  "daily_cap",
] as const;

export const alertRules = pgTable(
  "alert_rules",
  {
    id: text("id").primaryKey(),
    appId: text("app_id").notNull().references(() => apps.id),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    threshold: integer("threshold").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("alert_rules_app_kind").on(t.appId, t.kind)],
);

export const alertEvents = pgTable(
  "alert_events",
  {
    id: text("id").primaryKey(),
    appId: text("app_id").notNull().references(() => apps.id),
    userId: text("user_id").notNull().references(() => users.id),
    ruleId: text("rule_id").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    /** which API (or "" for the whole app, a pack id, or "api:day:percent" for daily_cap) the condition is about */
    subject: text("subject").notNull().default(""),
    level: text("level", { enum: ["info", "warning", "critical"] }).notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: ["未处理", "已处理"] }).notNull().default("未处理"),
    openedAt: ts("opened_at").notNull().defaultNow(),
    /** when the condition ended */
    clearedAt: ts("cleared_at"),
    ackedAt: ts("acked_at"),
    /** when the owner saw it in the console's notification list (the bell) */
    readAt: ts("read_at"),
  },
  (t) => [
    /** one open event per rule and subject, across all instances */
    uniqueIndex("alert_events_one_open").on(t.ruleId, t.subject).where(sql`cleared_at is null`),
    /** a daily-cap alert (its subject names the day and the percentage) is raised once, ever */
    uniqueIndex("alert_events_daily_cap_once").on(t.ruleId, t.subject).where(sql`kind = 'daily_cap'`),
    index("alert_events_user").on(t.userId, t.openedAt),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    eventId: text("event_id").notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull().default("pending"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_due").on(t.status, t.nextAttemptAt), index("webhook_deliveries_user").on(t.userId)],
);

export type AlertRule = typeof alertRules.$inferSelect;
export type AlertEvent = typeof alertEvents.$inferSelect;
