CREATE TABLE "access_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"ak" text NOT NULL,
	"sk_enc" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "access_keys_ak_unique" UNIQUE("ak")
);
--> statement-breakpoint
CREATE TABLE "app_daily_calls" (
	"app_id" text NOT NULL,
	"api" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "app_daily_calls_app_id_api_day_pk" PRIMARY KEY("app_id","api","day")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "qps_ceiling" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "ip_allow" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "daily_caps" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "access_keys" ADD CONSTRAINT "access_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_daily_calls" ADD CONSTRAINT "app_daily_calls_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_keys_user" ON "access_keys" USING btree ("user_id");