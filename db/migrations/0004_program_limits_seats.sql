CREATE TABLE "application_quotas" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"program_id" text NOT NULL,
	"person_key" text NOT NULL,
	"period_key" text NOT NULL,
	"slot" integer NOT NULL,
	"holder_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"program_id" text NOT NULL,
	"pool_key" text NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "seat_pools_not_oversold" CHECK ("seat_pools"."taken" >= 0 and "seat_pools"."taken" <= "seat_pools"."capacity")
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"pool_id" text NOT NULL,
	"case_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"program_id" text NOT NULL,
	"program_version_id" text NOT NULL,
	"pool_id" text NOT NULL,
	"applicant_id" text NOT NULL,
	"applicant_org_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"submit_key" text NOT NULL,
	"consent_text" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"case_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "application_quotas_uq" ON "application_quotas" USING btree ("program_id","person_key","period_key","slot");--> statement-breakpoint
CREATE INDEX "application_quotas_holder_idx" ON "application_quotas" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_pools_uq" ON "seat_pools" USING btree ("program_id","pool_key");--> statement-breakpoint
CREATE UNIQUE INDEX "seats_case_uq" ON "seats" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_submit_key_uq" ON "waitlist_entries" USING btree ("applicant_id","submit_key");--> statement-breakpoint
CREATE INDEX "waitlist_pool_idx" ON "waitlist_entries" USING btree ("pool_id","status","created_at");