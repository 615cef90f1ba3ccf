CREATE TABLE "p_example_ledger" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"entry" text NOT NULL,
	"case_id" text,
	"amount" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "p_example_ledger_case_uq" ON "p_example_ledger" USING btree ("case_id");