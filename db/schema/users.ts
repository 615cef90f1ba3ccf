import { pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    mobile: text("mobile").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** The 基层工会 (or other org) the person belongs to; the start of their org chain. */
    orgId: text("org_id").notNull(),
    /** 会员编号, set when a membership application is approved. */
    memberNo: text("member_no"),
    memberSince: timestamp("member_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_mobile_uq").on(t.mobile), uniqueIndex("users_member_no_uq").on(t.memberNo)],
);
