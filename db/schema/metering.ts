import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { API_KINDS, ts } from "./_shared";

/** One row per open-API call (also refused ones where the application is known). */
export const calls = pgTable(
  "calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: text("request_id").notNull(),
    appId: text("app_id"),
    userId: text("user_id"),
    api: text("api", { enum: API_KINDS }),
    httpStatus: integer("http_status").notNull(),
    code: integer("code").notNull(),
    imagesOk: integer("images_ok").notNull().default(0),
    imagesFailed: integer("images_failed").notNull().default(0),
    /** [{packId, calls}] that paid for the call */
    packs: jsonb("packs").$type<{ packId: string; calls: number }[]>(),
    bytesIn: integer("bytes_in").notNull().default(0),
    bytesOut: integer("bytes_out").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    engineMs: integer("engine_ms").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("calls_app_created").on(t.appId, t.createdAt),
    index("calls_request_id").on(t.requestId),
    index("calls_created").on(t.createdAt),
    /** the recent-calls log filtered to failures or one error code: failures are few, so this stays small */
    index("calls_app_failed_created").on(t.appId, t.createdAt).where(sql`code <> 0`),
  ],
);

/**
 * Per-minute rollups, upserted as calls land, so charts stay fast at ten million calls.
 * latHist counts calls per latency bucket (bounds in lib/metering/histogram.ts) for p50/p95.
 */
export const callRollups = pgTable(
  "call_rollups",
  {
    appId: text("app_id").notNull(),
    api: text("api", { enum: API_KINDS }).notNull(),
    minute: ts("minute").notNull(),
    userId: text("user_id").notNull(),
    calls: integer("calls").notNull().default(0),
    failedCalls: integer("failed_calls").notNull().default(0),
    imagesOk: integer("images_ok").notNull().default(0),
    imagesFailed: integer("images_failed").notNull().default(0),
    signFailures: integer("sign_failures").notNull().default(0),
    bytesIn: bigint("bytes_in", { mode: "number" }).notNull().default(0),
    bytesOut: bigint("bytes_out", { mode: "number" }).notNull().default(0),
    latencySumMs: bigint("latency_sum_ms", { mode: "number" }).notNull().default(0),
    latHist: integer("lat_hist").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.api, t.minute] }),
    index("call_rollups_minute").on(t.minute),
    index("call_rollups_user_minute").on(t.userId, t.minute),
  ],
);

/**
 * Hourly totals of call_rollups for the long chart ranges (7 and 30 days), written by the
 * monitoring job (lib/monitoring/compact.ts) for hours that are over; the setting
 * `rollups_hourly_until` says up to where they are complete, and charts read the minutes after it.
 */
export const callRollupsHourly = pgTable(
  "call_rollups_hourly",
  {
    appId: text("app_id").notNull(),
    api: text("api", { enum: API_KINDS }).notNull(),
    hour: ts("hour").notNull(),
    userId: text("user_id").notNull(),
    calls: integer("calls").notNull().default(0),
    failedCalls: integer("failed_calls").notNull().default(0),
    imagesOk: integer("images_ok").notNull().default(0),
    imagesFailed: integer("images_failed").notNull().default(0),
    signFailures: integer("sign_failures").notNull().default(0),
    bytesIn: bigint("bytes_in", { mode: "number" }).notNull().default(0),
    bytesOut: bigint("bytes_out", { mode: "number" }).notNull().default(0),
    latencySumMs: bigint("latency_sum_ms", { mode: "number" }).notNull().default(0),
    latHist: integer("lat_hist").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.api, t.hour] }), index("call_rollups_hourly_user_hour").on(t.userId, t.hour)],
);

/** Signs seen within the timestamp window: a second use is a replay. Shared by all instances. */
export const replaySigns = pgTable(
  "replay_signs",
  {
    sign: text("sign").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("replay_signs_expires").on(t.expiresAt)],
);

/** Requests per application per second, for the rate limit across instances. */
export const rateWindows = pgTable(
  "rate_windows",
  {
    appId: text("app_id").notNull(),
    second: bigint("second", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appId, t.second] })],
);

export type Call = typeof calls.$inferSelect;
export type CallRollup = typeof callRollups.$inferSelect;
