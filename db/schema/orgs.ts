import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const orgLevels = ["city", "district", "street", "grassroots"] as const;
export type OrgLevel = (typeof orgLevels)[number];

/**
 * The union hierarchy 市总 → 区总 → 街道/乡镇 → 基层工会.
 * `path` is the materialized chain of ids ("/city/district/street/unit/"), so a subtree is a prefix match.
 */
export const orgs = pgTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    parentId: text("parent_id"),
    level: text("level", { enum: orgLevels }).notNull(),
    name: text("name").notNull(),
    /** 统一社会信用代码, where the unit has one. */
    creditCode: text("credit_code"),
    path: text("path").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("orgs_tenant_idx").on(t.tenantId), uniqueIndex("orgs_path_uq").on(t.path), index("orgs_parent_idx").on(t.parentId)],
);
