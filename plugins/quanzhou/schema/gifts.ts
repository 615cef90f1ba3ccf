import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";

/** The small catalogue members redeem points for; `stock` is taken with `stock > 0` in the update. */
export const qzGifts = pgTable(
  "p_quanzhou_gifts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull().default(""),
    cost: integer("cost").notNull(),
    stock: integer("stock").notNull(),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("p_quanzhou_gifts_tenant_idx").on(t.tenantId), check("p_quanzhou_gifts_ck", sql`${t.cost} > 0 and ${t.stock} >= 0`)],
);
