import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A gift redeemed: the member shows `pickup_code` at the venue. One per request key (a double tap redeems once). */
export const qzRedemptions = pgTable(
  "p_quanzhou_redemptions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    giftId: text("gift_id").notNull(),
    points: integer("points").notNull(),
    pickupCode: text("pickup_code").notNull(),
    requestKey: text("request_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("p_quanzhou_redemptions_request_uq").on(t.userId, t.requestKey), index("p_quanzhou_redemptions_user_idx").on(t.userId, t.createdAt)],
);
