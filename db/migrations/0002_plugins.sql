CREATE TABLE "plugin_installs" (
	"plugin_id" text PRIMARY KEY NOT NULL,
	"installed_version" text NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plugin_enablements" (
	"tenant_id" text NOT NULL,
	"plugin_id" text NOT NULL,
	"org_id" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugin_enablements_tenant_id_plugin_id_org_id_pk" PRIMARY KEY("tenant_id","plugin_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"source" text NOT NULL,
	"subject" text NOT NULL,
	"code" text NOT NULL,
	"key" text NOT NULL,
	"message" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "plugin_id" text;--> statement-breakpoint
CREATE INDEX "plugin_enablements_org_idx" ON "plugin_enablements" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_key_uq" ON "incidents" USING btree ("key") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "incidents_source_idx" ON "incidents" USING btree ("source","subject");