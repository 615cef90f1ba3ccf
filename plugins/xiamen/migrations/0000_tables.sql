CREATE TABLE "p_xiamen_medical_enrollments" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"id_hash" text NOT NULL,
	"name" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "p_xiamen_payout_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"program_key" text NOT NULL,
	"district_id" text NOT NULL,
	"batch_no" text NOT NULL,
	"created_by" text NOT NULL,
	"count" integer NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "p_xiamen_payout_items" (
	"case_id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"amount" numeric(12, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "p_xiamen_transport_claims" (
	"year" integer NOT NULL,
	"id_hash" text NOT NULL,
	"case_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "p_xiamen_transport_claims_pk" PRIMARY KEY("year","id_hash")
);
--> statement-breakpoint
CREATE TABLE "p_xiamen_wishes" (
	"case_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"district_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"donor_id" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "p_xiamen_medical_enrollments_uq" ON "p_xiamen_medical_enrollments" USING btree ("year","id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "p_xiamen_payout_batches_no_uq" ON "p_xiamen_payout_batches" USING btree ("batch_no");--> statement-breakpoint
CREATE INDEX "p_xiamen_payout_items_batch_idx" ON "p_xiamen_payout_items" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "p_xiamen_transport_claims_case_idx" ON "p_xiamen_transport_claims" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "p_xiamen_wishes_district_idx" ON "p_xiamen_wishes" USING btree ("district_id","status");