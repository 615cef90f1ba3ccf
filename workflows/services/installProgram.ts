import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { newId } from "../../db/ids";
import { getOrg } from "../../db/orgs";
import { programs, programVersions } from "../../db/schema";
import { parseFormSchema } from "../../forms/schema";
import { compileBpmn } from "../compile";
import type { ProgramTemplate } from "../programTemplates";
import { programSettingsSchema } from "../programSettings";

export type InstallResult = { programId: string; versionId: string; created: boolean };

/**
 * Install a program template into an org as version 1 (idempotent by code): published for the
 * demo seed and plugins, a draft when an admin creates a program in the studio (workers see it
 * only once it is published). The form is parsed and the BPMN compiled first: a template that
 * does not check out is refused.
 */
export async function installProgramTemplate(
  db: Queryable,
  template: ProgramTemplate,
  ownerOrgId: string,
  code = template.key,
  status: "published" | "draft" = "published",
): Promise<InstallResult> {
  const owner = await getOrg(db, ownerOrgId);
  if (!owner) throw new Error(`组织不存在 / unknown org ${ownerOrgId}`);
  const [existing] = await db.select().from(programs).where(and(eq(programs.tenantId, owner.tenantId), eq(programs.code, code)));
  if (existing) {
    const [v] = await db.select({ id: programVersions.id }).from(programVersions).where(eq(programVersions.programId, existing.id));
    return { programId: existing.id, versionId: v?.id ?? "", created: false };
  }
  const form = parseFormSchema(template.formSchema);
  if (!form.ok) throw new Error(`表单无效 / invalid form in template ${template.key}: ${JSON.stringify(form.problems)}`);
  const settings = programSettingsSchema.safeParse(template.settings ?? {});
  if (!settings.success) throw new Error(`项目设置无效 / invalid settings in template ${template.key}: ${settings.error.message}`);
  const compiled = await compileBpmn(template.bpmnXml);
  if (!compiled.ok) throw new Error(`流程无效 / invalid flow in template ${template.key}: ${JSON.stringify(compiled.problems)}`);
  const programId = newId();
  const versionId = newId();
  await db.insert(programs).values({
    id: programId,
    tenantId: owner.tenantId,
    code,
    name: template.name,
    nameEn: template.nameEn,
    description: template.description,
    category: template.category,
    ownerOrgId,
    caseNoPattern: template.caseNoPattern,
    pluginId: template.pluginId ?? null,
    settings: settings.data,
  });
  await db.insert(programVersions).values({
    id: versionId,
    tenantId: owner.tenantId,
    programId,
    version: 1,
    status,
    formSchema: form.schema,
    bpmnXml: template.bpmnXml,
    flowDefinition: compiled.definition,
    consentText: template.consentText ?? "",
    publishedAt: status === "published" ? new Date() : null,
  });
  return { programId, versionId, created: true };
}
