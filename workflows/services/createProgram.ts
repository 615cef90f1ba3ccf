import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client";
import { enabledPluginIdsForOrgPath } from "../../db/pluginEnablements";
import { CaseCommandError } from "../runtime/errors";
import { listProgramTemplates, type ProgramTemplate } from "../programTemplates";
import { STARTING_TEMPLATE } from "../startingFlow";
import type { SessionUser } from "./identity";
import { installProgramTemplate } from "./installProgram";

export const BLANK_SOURCE = "blank";

/** A blank program's form: who is applying and why; the admin builds the rest in the designer. */
const blankForm = {
  schemaVersion: 1,
  id: "new-program",
  title: { zh: "申请表", en: "Application" },
  fields: [
    { key: "applicantSection", type: "group", label: { zh: "申请人信息", en: "Applicant" } },
    { key: "name", type: "text", label: { zh: "姓名", en: "Name" }, required: true, maxLength: 30 },
    { key: "mobile", type: "mobile", label: { zh: "手机号", en: "Mobile" }, required: true },
    { key: "reason", type: "textarea", label: { zh: "申请说明", en: "Reason" }, required: true, maxLength: 1000 },
  ],
};

export type TemplateChoice = { key: string; name: string; nameEn: string; description: string; category: string };

/** The admin's district (where new programs are owned): their admin grant at district level, else their first admin grant. */
function ownerGrantOf(admin: SessionUser) {
  const grants = admin.grants.filter((g) => g.role === "admin");
  return grants.find((g) => g.orgLevel === "district") ?? grants[0];
}

/** Templates an admin may start from: the core's, and those of plugins their district has switched on. */
export async function templatesFor(db: Db, admin: SessionUser): Promise<TemplateChoice[]> {
  const grant = ownerGrantOf(admin);
  if (!grant) return [];
  const enabled = await enabledPluginIdsForOrgPath(db, grant.orgPath);
  return listProgramTemplates()
    .filter((t) => !t.pluginId || t.pluginId === "core" || enabled.has(t.pluginId))
    .map((t) => ({ key: t.key, name: t.name, nameEn: t.nameEn, description: t.description, category: t.category }));
}

const newProgramSchema = z.strictObject({
  source: z.string().min(1).max(100),
  name: z.string().trim().min(2, "项目名称至少2个字 / at least 2 characters").max(60, "项目名称最多60个字 / at most 60 characters"),
  nameEn: z.string().trim().max(120).default(""),
  caseNoPrefix: z.string().trim().regex(/^[A-Z]{2,8}$/, "编号前缀须为2到8个大写字母，如 JQZX / 2 to 8 capital letters, e.g. JQZX"),
});

function invalid(fieldErrors: Record<string, string>): CaseCommandError {
  return new CaseCommandError("invalidData", "请修改标红的项目后再提交", "Please correct the fields marked in red", 422, fieldErrors);
}

/**
 * 新建项目: from a template (its form, flow and settings) or blank (a short form and the starting
 * flow), owned by the admin's district, as a draft version 1 that workers see only once published.
 */
export async function createProgram(db: Db, admin: SessionUser, input: unknown): Promise<{ programId: string }> {
  const parsed = newProgramSchema.safeParse(input);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_form"), i.message])));
  const grant = ownerGrantOf(admin);
  if (!grant) throw new CaseCommandError("forbidden", "只有管理员可以新建项目", "Only admins can create programs", 403);
  const { source, name, nameEn, caseNoPrefix } = parsed.data;
  let base: ProgramTemplate;
  if (source === BLANK_SOURCE) {
    base = { key: "custom", name, nameEn, description: "", category: "general", caseNoPattern: "", formSchema: blankForm, bpmnXml: STARTING_TEMPLATE };
  } else {
    const offered = new Set((await templatesFor(db, admin)).map((t) => t.key));
    const template = listProgramTemplates().find((t) => t.key === source);
    if (!template || !offered.has(source)) throw invalid({ source: "请选择一个可用的模板 / choose one of the templates offered" });
    base = template;
  }
  const code = `${base.key}-${randomBytes(3).toString("hex")}`;
  const { programId } = await installProgramTemplate(db, { ...base, name, nameEn, caseNoPattern: `${caseNoPrefix}-{yyyy}-{seq:4}` }, grant.orgId, code, "draft");
  return { programId };
}
