CREATE TABLE "p_quanzhou_bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"venue_id" text NOT NULL,
	"room_id" text NOT NULL,
	"day" date NOT NULL,
	"slot_code" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"attendees" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	CONSTRAINT "p_quanzhou_bookings_status_ck" CHECK ("p_quanzhou_bookings"."status" in ('pending', 'confirmed', 'attended', 'cancelled', 'released') and ("p_quanzhou_bookings"."cancelled_at" is null) = ("p_quanzhou_bookings"."status" in ('pending', 'confirmed', 'attended')))
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_gifts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"cost" integer NOT NULL,
	"stock" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "p_quanzhou_gifts_ck" CHECK ("p_quanzhou_gifts"."cost" > 0 and "p_quanzhou_gifts"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_members" (
	"user_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "p_quanzhou_members_balance_ck" CHECK ("p_quanzhou_members"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_point_ledger" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"source_key" text NOT NULL,
	"reason" text NOT NULL,
	"reason_en" text DEFAULT '' NOT NULL,
	"case_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "p_quanzhou_point_ledger_ck" CHECK ("p_quanzhou_point_ledger"."delta" <> 0 and "p_quanzhou_point_ledger"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_point_rules" (
	"tenant_id" text NOT NULL,
	"program_code" text NOT NULL,
	"points" integer NOT NULL,
	"per_field" text,
	"max_points" integer,
	"reason" text NOT NULL,
	"reason_en" text DEFAULT '' NOT NULL,
	CONSTRAINT "p_quanzhou_point_rules_pk" PRIMARY KEY("tenant_id","program_code"),
	CONSTRAINT "p_quanzhou_point_rules_ck" CHECK ("p_quanzhou_point_rules"."points" >= 0 and ("p_quanzhou_point_rules"."max_points" is null or "p_quanzhou_point_rules"."max_points" >= 0))
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_redemptions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"gift_id" text NOT NULL,
	"points" integer NOT NULL,
	"pickup_code" text NOT NULL,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_rooms" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"venue_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"facilities" text DEFAULT '' NOT NULL,
	"facilities_en" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "p_quanzhou_rooms_capacity_ck" CHECK ("p_quanzhou_rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_slots" (
	"venue_id" text NOT NULL,
	"code" text NOT NULL,
	"starts" text NOT NULL,
	"ends" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "p_quanzhou_slots_pk" PRIMARY KEY("venue_id","code"),
	CONSTRAINT "p_quanzhou_slots_times_ck" CHECK ("p_quanzhou_slots"."starts" ~ '^[0-2][0-9]:[0-5][0-9]$' and "p_quanzhou_slots"."ends" ~ '^[0-2][0-9]:[0-5][0-9]$' and "p_quanzhou_slots"."starts" < "p_quanzhou_slots"."ends")
);
--> statement-breakpoint
CREATE TABLE "p_quanzhou_venues" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"open_days" jsonb DEFAULT '[1,2,3,4,5,6,7]'::jsonb NOT NULL,
	"advance_days" integer DEFAULT 14 NOT NULL,
	"max_open_bookings" integer DEFAULT 2 NOT NULL,
	"cancel_before_minutes" integer DEFAULT 120 NOT NULL,
	"check_in_early_minutes" integer DEFAULT 30 NOT NULL,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"points_per_visit" integer DEFAULT 5 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "p_quanzhou_venues_rules_ck" CHECK ("p_quanzhou_venues"."advance_days" between 0 and 90 and "p_quanzhou_venues"."max_open_bookings" between 1 and 20 and "p_quanzhou_venues"."cancel_before_minutes" >= 0 and "p_quanzhou_venues"."check_in_early_minutes" >= 0 and "p_quanzhou_venues"."points_per_visit" >= 0)
);
--> statement-breakpoint
ALTER TABLE "p_quanzhou_rooms" ADD CONSTRAINT "p_quanzhou_rooms_venue_id_p_quanzhou_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."p_quanzhou_venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "p_quanzhou_slots" ADD CONSTRAINT "p_quanzhou_slots_venue_id_p_quanzhou_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."p_quanzhou_venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "p_quanzhou_bookings_slot_uq" ON "p_quanzhou_bookings" USING btree ("room_id","day","slot_code") WHERE cancelled_at is null;--> statement-breakpoint
CREATE INDEX "p_quanzhou_bookings_user_idx" ON "p_quanzhou_bookings" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "p_quanzhou_bookings_venue_day_idx" ON "p_quanzhou_bookings" USING btree ("venue_id","day");--> statement-breakpoint
CREATE INDEX "p_quanzhou_gifts_tenant_idx" ON "p_quanzhou_gifts" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "p_quanzhou_point_ledger_source_uq" ON "p_quanzhou_point_ledger" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "p_quanzhou_point_ledger_user_idx" ON "p_quanzhou_point_ledger" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "p_quanzhou_redemptions_request_uq" ON "p_quanzhou_redemptions" USING btree ("user_id","request_key");--> statement-breakpoint
CREATE INDEX "p_quanzhou_redemptions_user_idx" ON "p_quanzhou_redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "p_quanzhou_rooms_venue_idx" ON "p_quanzhou_rooms" USING btree ("venue_id");--> statement-breakpoint
CREATE INDEX "p_quanzhou_venues_tenant_idx" ON "p_quanzhou_venues" USING btree ("tenant_id");