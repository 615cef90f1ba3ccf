import { like, or, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { orgsInSubtree, type OrgRow } from "../../db/orgs";
import { cases } from "../../db/schema";
import { CaseCommandError } from "../runtime/errors";
import type { SessionUser } from "./identity";

/** The org subtrees an admin governs (each admin grant and everything under it) and their orgs. */
export type AdminScope = { paths: string[]; orgs: Map<string, OrgRow> };

export const notAdmin = () => new CaseCommandError("forbidden", "只有管理员可以查看看板和导出", "Only admins may use the dashboard and exports", 403);

export async function adminScopeOf(db: Queryable, user: SessionUser): Promise<AdminScope> {
  // A grant inside another grant's subtree adds nothing.
  const all = [...new Set(user.grants.filter((g) => g.role === "admin").map((g) => g.orgPath))].sort();
  const paths = all.filter((p) => !all.some((q) => q !== p && p.startsWith(q)));
  if (paths.length === 0) throw notAdmin();
  const orgs = new Map<string, OrgRow>();
  for (const p of paths) for (const o of await orgsInSubtree(db, p)) orgs.set(o.id, o);
  return { paths, orgs };
}

/** Cases whose applicant belongs to the scope (the applicant's org at submission). */
export function casesInScope(scope: AdminScope): SQL {
  return or(...scope.paths.map((p) => like(cases.applicantOrgPath, `${likePrefix(p)}%`)))!;
}

/** An org path as a LIKE prefix: ids may contain `_`, which LIKE would read as any character. */
export function likePrefix(path: string): string {
  return path.replace(/[\\%_]/g, "\\$&");
}

/** The 街道 (street) an org sits under, or the org itself when it is above street level. */
export function streetOf(scope: AdminScope, orgPath: string): OrgRow | undefined {
  const ids = orgPath.split("/").filter(Boolean);
  return ids.map((id) => scope.orgs.get(id)).find((o) => o?.level === "street");
}
