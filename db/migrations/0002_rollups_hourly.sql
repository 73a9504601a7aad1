CREATE TABLE "call_rollups_hourly" (
	"app_id" text NOT NULL,
	"api" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"failed_calls" integer DEFAULT 0 NOT NULL,
	"images_ok" integer DEFAULT 0 NOT NULL,
	"images_failed" integer DEFAULT 0 NOT NULL,
	"sign_failures" integer DEFAULT 0 NOT NULL,
	"bytes_in" bigint DEFAULT 0 NOT NULL,
	"bytes_out" bigint DEFAULT 0 NOT NULL,
	"latency_sum_ms" bigint DEFAULT 0 NOT NULL,
	"lat_hist" integer[] NOT NULL,
	CONSTRAINT "call_rollups_hourly_app_id_api_hour_pk" PRIMARY KEY("app_id","api","hour")
);
--> statement-breakpoint
CREATE INDEX "call_rollups_hourly_user_hour" ON "call_rollups_hourly" USING btree ("user_id","hour");