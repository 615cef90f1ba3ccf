CREATE TABLE "calendar_days" (
	"tenant_id" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	CONSTRAINT "calendar_days_tenant_id_date_pk" PRIMARY KEY("tenant_id","date")
);
