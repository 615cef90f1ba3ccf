import { and, inArray } from "drizzle-orm";
import type { QzDb } from "../qzDb";
import { qzPointRules } from "../schema";

export type PointRule = typeof qzPointRules.$inferSelect;

/** The most specific rule: the district's own for the program, its own catch-all, then the defaults (tenant `*`). */
export async function pointRuleFor(db: QzDb, tenantId: string, programCode: string): Promise<PointRule | undefined> {
  const rows = await db
    .select()
    .from(qzPointRules)
    .where(and(inArray(qzPointRules.tenantId, [tenantId, "*"]), inArray(qzPointRules.programCode, [programCode, "*"])));
  const rank = (r: PointRule) => (r.tenantId === tenantId ? 0 : 2) + (r.programCode === programCode ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b))[0];
}

/** Points a rule gives for a case's data: a fixed amount, or per unit of a numeric field, capped. */
export function pointsFor(rule: PointRule, data: Record<string, unknown>): number {
  let points = rule.points;
  if (rule.perField) {
    const units = Number(data[rule.perField]);
    points = Number.isFinite(units) && units > 0 ? Math.floor(units * rule.points) : 0;
  }
  return rule.maxPoints === null ? points : Math.min(points, rule.maxPoints);
}
