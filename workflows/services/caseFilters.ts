import { and, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { caseStatuses, cases } from "../../db/schema";
import { CaseCommandError } from "../runtime/errors";
import { casesInScope, likePrefix, type AdminScope } from "./adminScope";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00+08:00`)));
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** What the dashboard and the exports narrow cases by; dates are days in China time, both ends included. */
export const caseFiltersSchema = z.object({
  programId: optional(z.string().max(64)),
  status: optional(z.enum(caseStatuses)),
  orgId: optional(z.string().max(64)),
  from: optional(day),
  to: optional(day),
});

export type CaseFilters = z.output<typeof caseFiltersSchema>;

export const badFilters = (fieldErrors: Record<string, string>) =>
  new CaseCommandError("invalidData", "筛选条件不正确", "The filters are not valid", 422, fieldErrors);

export function parseCaseFilters(input: unknown): CaseFilters {
  const parsed = caseFiltersSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_form")] = "取值无效 / invalid value";
  throw badFilters(fieldErrors);
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000);

/** The SQL for filters inside an admin's scope; an org outside the scope is refused, not silently empty. */
export function caseFilterSql(scope: AdminScope, f: CaseFilters): SQL {
  const conditions: SQL[] = [casesInScope(scope)];
  if (f.programId) conditions.push(eq(cases.programId, f.programId));
  if (f.status) conditions.push(eq(cases.status, f.status));
  if (f.orgId) {
    const org = scope.orgs.get(f.orgId);
    if (!org) throw badFilters({ orgId: "不在您管理的范围内 / not within the orgs you govern" });
    conditions.push(like(cases.applicantOrgPath, `${likePrefix(org.path)}%`));
  }
  if (f.from) conditions.push(gte(cases.createdAt, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) conditions.push(lt(cases.createdAt, nextDay(f.to)));
  return and(...conditions)!;
}
