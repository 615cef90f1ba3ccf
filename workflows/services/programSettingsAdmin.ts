import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { getOrg } from "../../db/orgs";
import { programs } from "../../db/schema";
import { programSettingsSchema, type ProgramSettings } from "../programSettings";
import { CaseCommandError, caseNotFound } from "../runtime/errors";
import { hasRoleOver, type SessionUser } from "./identity";

/** An admin over the program's owner org changes its settings; invalid settings change nothing. */
export async function updateProgramSettings(db: Db, admin: SessionUser, programId: string, input: unknown): Promise<ProgramSettings> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  const owner = program && (await getOrg(db, program.ownerOrgId));
  if (!program || !owner || !hasRoleOver(admin, "admin", owner.path)) throw caseNotFound();
  const parsed = programSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "_form", `设置无效：${i.message} / Invalid setting: ${i.message}`]));
    throw new CaseCommandError("invalidData", "项目设置有误，请修改后再保存", "Some settings are invalid; please correct them", 422, fieldErrors);
  }
  await db.transaction(async (tx) => {
    await tx.update(programs).set({ settings: parsed.data }).where(eq(programs.id, programId));
    await appendAudit(tx, { tenantId: program.tenantId, stream: `program:${programId}`, caseId: null, actorId: admin.id, action: "program.settings", nodeId: null, comment: null, detail: { settings: parsed.data }, at: new Date().toISOString() });
  });
  return parsed.data;
}
