import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { getOrg } from "../../db/orgs";
import { orgsAdministeredBy } from "./adminOrgs";
import { programs, programVersions } from "../../db/schema";
import type { FormSchema } from "../../forms/schema";
import type { LocalizedText } from "../../forms/messages";
import { caseNoPatternSchema } from "../caseNoPattern";
import { evaluateFeel } from "../../forms/feel";
import { programSettingsSchema, readProgramSettings, type ApplicantProfile, type ProgramSettings } from "../programSettings";
import { CaseCommandError, caseNotFound } from "../runtime/errors";
import { hasRoleOver, type SessionUser } from "./identity";

const detailsSchema = z.strictObject({
  name: z.string().trim().min(2, "项目名称至少2个字 / at least 2 characters").max(60, "项目名称最多60个字 / at most 60 characters"),
  nameEn: z.string().trim().max(120, "最多120个字符 / at most 120 characters").default(""),
  description: z.string().trim().max(1000, "最多1000个字 / at most 1000 characters").default(""),
  category: z.string().trim().regex(/^[a-z][a-z0-9-]{1,29}$/, "类别代码须为小写字母 / a lower-case code"),
  caseNoPattern: caseNoPatternSchema,
  ownerOrgId: z.string().min(1, "请选择主办单位 / choose the organising union").max(64),
  settings: z.unknown(),
});

/** A union that may run the program (主办单位): one the admin administers, in the program's district. */
export type OwnerOption = { id: string; name: string; level: string };

export type ProgramDetails = Omit<z.infer<typeof detailsSchema>, "settings"> & { settings: ProgramSettings };

/** A field of the program's latest form, as the settings tab offers it (limit key, seats per option). */
export type SettingsFormField = { key: string; type: string; label: LocalizedText; options: { value: string; label: LocalizedText }[] };

function invalid(fieldErrors: Record<string, string>): CaseCommandError {
  return new CaseCommandError("invalidData", "项目设置有误，请修改后再保存", "Some settings are invalid; please correct them", 422, fieldErrors);
}

/** Field errors keyed by path (`settings.limit.count`), Chinese and English. */
function issuesOf(error: z.ZodError, prefix = ""): Record<string, string> {
  return Object.fromEntries(error.issues.map((i) => [prefix + (i.path.join(".") || "_form"), /[\u4e00-\u9fff]/.test(i.message) ? i.message : `设置无效：${i.message} / Invalid setting: ${i.message}`]));
}

async function manageable(db: Db, admin: SessionUser, programId: string) {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  const owner = program && (await getOrg(db, program.ownerOrgId));
  if (!program || !owner || !hasRoleOver(admin, "admin", owner.path)) throw caseNotFound();
  return program;
}

/** The unions the admin may hand the program to: those under their admin roles, in the program's tenant, district first. */
async function ownerOptionsOf(db: Db, admin: SessionUser, tenantId: string): Promise<OwnerOption[]> {
  return (await orgsAdministeredBy(db, admin, tenantId)).map(({ id, name, level }) => ({ id, name, level }));
}

async function latestFormFields(db: Db, programId: string): Promise<FormSchema["fields"]> {
  const [latest] = await db.select({ formSchema: programVersions.formSchema }).from(programVersions).where(eq(programVersions.programId, programId)).orderBy(desc(programVersions.version)).limit(1);
  return (latest?.formSchema as FormSchema | undefined)?.fields ?? [];
}

/** Settings naming form fields must name fields of the program's latest form (published or draft). */
async function checkFieldsExist(db: Db, programId: string, settings: ProgramSettings): Promise<Record<string, string>> {
  const keys = new Set((await latestFormFields(db, programId)).map((f) => f.key));
  const errors: Record<string, string> = {};
  const missing = (key: string) => `表单中没有字段 "${key}" / the form has no field "${key}"`;
  if (settings.limit?.keyField && !keys.has(settings.limit.keyField)) errors["settings.limit.keyField"] = missing(settings.limit.keyField);
  if (settings.capacity?.field && !keys.has(settings.capacity.field)) errors["settings.capacity.field"] = missing(settings.capacity.field);
  return errors;
}

/** The profile an eligibility rule is tried on before it is saved: what applyGate gives it. */
const SAMPLE_PROFILE: ApplicantProfile = { isMember: true, memberNo: "HULI2026000001", orgLevel: "grassroots", orgName: "示例基层工会" };

/** An eligibility rule must be FEEL that says yes or no about the applicant's profile. */
function checkEligibility(settings: ProgramSettings): Record<string, string> {
  if (!settings.eligibility) return {};
  const result = evaluateFeel(settings.eligibility, SAMPLE_PROFILE);
  if (!result.ok) return { "settings.eligibility": `条件表达式有误：${result.error.message} / The rule is not valid FEEL: ${result.error.message}` };
  if (typeof result.value !== "boolean") {
    return { "settings.eligibility": "条件须得出“是”或“否”，可用：isMember、memberNo、orgLevel、orgName / The rule must give true or false; it may use isMember, memberNo, orgLevel, orgName" };
  }
  return {};
}

async function save(db: Db, admin: SessionUser, program: typeof programs.$inferSelect, values: Partial<typeof programs.$inferInsert>, action: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(programs).set(values).where(eq(programs.id, program.id));
    await appendAudit(tx, { tenantId: program.tenantId, stream: `program:${program.id}`, caseId: null, actorId: admin.id, action, nodeId: null, comment: null, detail: values, at: new Date().toISOString() });
  });
}

/** An admin over the program's owner org changes its settings; invalid settings change nothing. */
export async function updateProgramSettings(db: Db, admin: SessionUser, programId: string, input: unknown): Promise<ProgramSettings> {
  const program = await manageable(db, admin, programId);
  const parsed = programSettingsSchema.safeParse(input);
  if (!parsed.success) throw invalid(issuesOf(parsed.error));
  await save(db, admin, program, { settings: parsed.data }, "program.settings");
  return parsed.data;
}

/** The studio's 设置 tab: what the program is called, how its cases are numbered, who may apply when. */
export async function getProgramDetails(db: Db, admin: SessionUser, programId: string): Promise<{ details: ProgramDetails; formFields: SettingsFormField[]; ownerOptions: OwnerOption[] }> {
  const p = await manageable(db, admin, programId);
  const formFields = (await latestFormFields(db, programId)).map((f) => {
    const options = (f as { options?: unknown }).options;
    return { key: f.key, type: f.type, label: f.label, options: Array.isArray(options) ? (options as SettingsFormField["options"]) : [] };
  });
  return {
    details: { name: p.name, nameEn: p.nameEn, description: p.description, category: p.category, caseNoPattern: p.caseNoPattern, ownerOrgId: p.ownerOrgId, settings: readProgramSettings(p.settings) },
    formFields,
    ownerOptions: await ownerOptionsOf(db, admin, p.tenantId),
  };
}

/** Save the 设置 tab as a whole: every problem comes back at once, keyed by field; nothing changes unless all is valid. */
export async function updateProgramDetails(db: Db, admin: SessionUser, programId: string, input: unknown): Promise<ProgramDetails> {
  const program = await manageable(db, admin, programId);
  const details = detailsSchema.safeParse(input);
  const settings = programSettingsSchema.safeParse((input as { settings?: unknown } | null)?.settings ?? {});
  const errors = {
    ...(details.success ? {} : issuesOf(details.error)),
    ...(settings.success ? { ...(await checkFieldsExist(db, programId, settings.data)), ...checkEligibility(settings.data) } : issuesOf(settings.error, "settings.")),
  };
  if (details.success && !(await ownerOptionsOf(db, admin, program.tenantId)).some((o) => o.id === details.data.ownerOrgId)) {
    errors.ownerOrgId = "只能选择您管理范围内、本区的工会 / choose a union of this district that you administer";
  }
  if (!details.success || !settings.success || Object.keys(errors).length) throw invalid(errors);
  const { name, nameEn, description, category, caseNoPattern, ownerOrgId } = details.data;
  await save(db, admin, program, { name, nameEn, description, category, caseNoPattern, ownerOrgId, settings: settings.data }, "program.details");
  return { name, nameEn, description, category, caseNoPattern, ownerOrgId, settings: settings.data };
}
