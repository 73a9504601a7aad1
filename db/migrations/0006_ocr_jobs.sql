CREATE TABLE "job_callback_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocr_job_images" (
	"job_id" text NOT NULL,
	"idx" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"image_b64" text,
	"result" jsonb,
	"err_code" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "ocr_job_images_job_id_idx_pk" PRIMARY KEY("job_id","idx")
);
--> statement-breakpoint
CREATE TABLE "ocr_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"user_id" text NOT NULL,
	"api" text NOT NULL,
	"state" text DEFAULT '排队中' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"ok" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"callback_url" text,
	"callback_state" text DEFAULT 'none' NOT NULL,
	"callback_attempts" integer DEFAULT 0 NOT NULL,
	"callback_next_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "job_callback_log" ADD CONSTRAINT "job_callback_log_job_id_ocr_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."ocr_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocr_job_images" ADD CONSTRAINT "ocr_job_images_job_id_ocr_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."ocr_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocr_jobs" ADD CONSTRAINT "ocr_jobs_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocr_jobs" ADD CONSTRAINT "ocr_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_callback_log_job" ON "job_callback_log" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "ocr_job_images_open" ON "ocr_job_images" USING btree ("job_id","idx") WHERE state <> 'done';--> statement-breakpoint
CREATE INDEX "ocr_jobs_app" ON "ocr_jobs" USING btree ("app_id","created_at");--> statement-breakpoint
CREATE INDEX "ocr_jobs_active" ON "ocr_jobs" USING btree ("state") WHERE state in ('排队中', '处理中');--> statement-breakpoint
CREATE INDEX "ocr_jobs_callback_due" ON "ocr_jobs" USING btree ("callback_next_at") WHERE callback_state = 'pending';--> statement-breakpoint
CREATE INDEX "ocr_jobs_expiry" ON "ocr_jobs" USING btree ("expires_at");