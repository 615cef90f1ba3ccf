import { asc, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { orgs, programs, programVersions } from "../../db/schema";
import { rowsOf } from "../../db/rows";
import { readProgramSettings, type ProgramSettings } from "../programSettings";

export type ProgramListing = {
  id: string;
  code: string;
  name: { zh: string; en: string };
  category: string;
  ownerOrg: { id: string; name: string };
  pluginId: string | null;
  caseNoPattern: string;
  settings: ProgramSettings;
  versions: { version: number; status: string; publishedAt: string | null }[];
  cases: Record<string, number>;
};

/** Every program of the installation with its versions, settings and case counts by status (operators' view). */
export async function listProgramCatalog(db: Queryable): Promise<ProgramListing[]> {
  const rows = await db.select().from(programs).orderBy(asc(programs.tenantId), asc(programs.code));
  const owners = new Map((await db.select({ id: orgs.id, name: orgs.name }).from(orgs)).map((o) => [o.id, o.name]));
  const versions = await db
    .select({ programId: programVersions.programId, version: programVersions.version, status: programVersions.status, publishedAt: programVersions.publishedAt })
    .from(programVersions)
    .orderBy(asc(programVersions.version));
  const counts = rowsOf<{ program_id: string; status: string; n: number }>(await db.execute(sql`select program_id, status, count(*)::int as n from cases group by program_id, status`));
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: { zh: p.name, en: p.nameEn },
    category: p.category,
    ownerOrg: { id: p.ownerOrgId, name: owners.get(p.ownerOrgId) ?? "" },
    pluginId: p.pluginId,
    caseNoPattern: p.caseNoPattern,
    settings: readProgramSettings(p.settings),
    versions: versions.filter((v) => v.programId === p.id).map((v) => ({ version: v.version, status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null })),
    cases: Object.fromEntries(counts.filter((c) => c.program_id === p.id).map((c) => [c.status, Number(c.n)])),
  }));
}
