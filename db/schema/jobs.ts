import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { API_KINDS, createdAt, ts } from "./_shared";
import { apps } from "./apps";
import { users } from "./accounts";

/** An asynchronous batch job's state, as the API and the console say it. */
export const JOB_STATES = ["排队中", "处理中", "已完成", "部分失败", "已取消"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_IMAGE_STATES = ["pending", "running", "done"] as const;
export const CALLBACK_STATES = ["none", "pending", "delivered", "failed"] as const;

/** One asynchronous batch (lib/jobs): up to 1,000 images of one API for one application. */
export const ocrJobs = pgTable(
  "ocr_jobs",
  {
    id: text("id").primaryKey(),
    appId: text("app_id")
      .notNull()
      .references(() => apps.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    api: text("api", { enum: API_KINDS }).notNull(),
    state: text("state", { enum: JOB_STATES }).notNull().default("排队中"),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    ok: integer("ok").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    callbackUrl: text("callback_url"),
    callbackState: text("callback_state", { enum: CALLBACK_STATES }).notNull().default("none"),
    callbackAttempts: integer("callback_attempts").notNull().default(0),
    callbackNextAt: ts("callback_next_at"),
    createdAt: createdAt(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    /** when the results are deleted (finished + retention) */
    expiresAt: ts("expires_at"),
  },
  (t) => [
    index("ocr_jobs_app").on(t.appId, t.createdAt),
    index("ocr_jobs_active").on(t.state).where(sql`state in ('排队中', '处理中')`),
    index("ocr_jobs_callback_due").on(t.callbackNextAt).where(sql`callback_state = 'pending'`),
    index("ocr_jobs_expiry").on(t.expiresAt),
  ],
);

/** One image of a job: its Base64 until it is done, then its result or error code. */
export const ocrJobImages = pgTable(
  "ocr_job_images",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => ocrJobs.id, { onDelete: "cascade" }),
    idx: integer("idx").notNull(),
    state: text("state", { enum: JOB_IMAGE_STATES }).notNull().default("pending"),
    imageB64: text("image_b64"),
    /** the synchronous API's per-image element (a result, or {err_code, err_msg}) */
    result: jsonb("result"),
    errCode: integer("err_code"),
    attempts: integer("attempts").notNull().default(0),
    /** a running image whose lease has passed is claimed again (its worker died) */
    leaseUntil: ts("lease_until"),
    finishedAt: ts("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.idx] }), index("ocr_job_images_open").on(t.jobId, t.idx).where(sql`state <> 'done'`)],
);

/** Every attempt to deliver a job's callback. */
export const jobCallbackLog = pgTable(
  "job_callback_log",
  {
    id: serial("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => ocrJobs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    at: createdAt(),
  },
  (t) => [index("job_callback_log_job").on(t.jobId)],
);

export type OcrJob = typeof ocrJobs.$inferSelect;
