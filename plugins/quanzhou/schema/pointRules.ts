import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * How many points `quanzhou.awardPoints` gives when a program's flow calls it. A district's
 * own row (tenant_id) wins over the default row (tenant `*`); program `*` covers any program.
 * With `per_field`, points are per unit of that numeric form field (10 per 志愿服务 hour).
 */
export const qzPointRules = pgTable(
  "p_quanzhou_point_rules",
  {
    tenantId: text("tenant_id").notNull(),
    programCode: text("program_code").notNull(),
    points: integer("points").notNull(),
    perField: text("per_field"),
    maxPoints: integer("max_points"),
    reason: text("reason").notNull(),
    reasonEn: text("reason_en").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "p_quanzhou_point_rules_pk", columns: [t.tenantId, t.programCode] }),
    check("p_quanzhou_point_rules_ck", sql`${t.points} >= 0 and (${t.maxPoints} is null or ${t.maxPoints} >= 0)`),
  ],
);
