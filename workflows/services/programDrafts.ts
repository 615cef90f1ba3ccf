import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { newId } from "../../db/ids";
import { getOrg } from "../../db/orgs";
import { programs, programVersions } from "../../db/schema";
import { bilingualProblem, type BilingualProblem } from "../../forms/bilingualProblem";
import { parseFormSchema, valueFieldKeys, type FormSchema } from "../../forms/schema";
import { fieldAccessMatrixSchema, setFieldAccessInBpmn, type FieldAccess, type FieldAccessMatrix, type FieldAccessProblem } from "../bpmnFieldAccess";
import { compileBpmn } from "../compile";
import type { FlowDefinition } from "../types";
import { hasRoleOver, type SessionUser } from "./identity";
import { publishedVersionFor } from "./programs";
import { draftConflict, noSourceVersion, programNotFound } from "./studioError";

/**
 * Program versions as the studio edits them. A published version is never written again: editing
 * a program works on its one draft version (status "draft"), created on first edit as a copy of
 * the latest published version. The form designer writes the draft's form, the modeler its BPMN
 * (workflows/services/flowDrafts.ts), and publishing turns the draft into the next published version.
 *
 * Every write to a draft goes through `writeDraft`, which only touches rows still in "draft":
 * a draft published in the meantime is never changed afterwards.
 */

export type ProgramRow = typeof programs.$inferSelect;
export type VersionRow = typeof programVersions.$inferSelect;
export type VersionStatus = VersionRow["status"];

export type VersionSummary = { id: string; version: number; status: VersionStatus; createdAt: Date; publishedAt: Date | null; fieldCount: number };

export type StudioProgram = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  description: string;
  category: string;
  ownerOrgId: string;
  ownerOrgName: string;
  versions: VersionSummary[];
};

export type ProgramDraft = {
  id: string;
  programId: string;
  version: number;
  formSchema: FormSchema;
  bpmnXml: string;
  flowDefinition: FlowDefinition;
  /** The published version this draft was copied from, when there was one. */
  basedOnVersion: number | null;
  createdAt: Date;
};

/** A form problem as the designer shows it: where, what, and the message in both languages. */
export type DraftProblem = BilingualProblem;

export type SaveFormDraftResult = { ok: true; draft: ProgramDraft; created: boolean } | { ok: false; problems: DraftProblem[] };

const PROGRAM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The program, if `user` is an admin over the org that owns it; otherwise undefined. */
export async function manageableProgram(db: Queryable, user: SessionUser, programId: string): Promise<(ProgramRow & { ownerOrgName: string }) | undefined> {
  if (typeof programId !== "string" || !PROGRAM_ID.test(programId)) return undefined;
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return undefined;
  const owner = await getOrg(db, program.ownerOrgId);
  if (!owner || !hasRoleOver(user, "admin", owner.path)) return undefined;
  return { ...program, ownerOrgName: owner.name };
}

/** As `manageableProgram`, but a 404 refusal when the program is missing or not the user's. */
export async function requireManageableProgram(db: Queryable, user: SessionUser, programId: string) {
  const program = await manageableProgram(db, user, programId);
  if (!program) throw programNotFound();
  return program;
}

function fieldCountOf(formSchema: unknown): number {
  const fields = (formSchema as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) ? fields.length : 0;
}

function summary(v: VersionRow): VersionSummary {
  return { id: v.id, version: v.version, status: v.status, createdAt: v.createdAt, publishedAt: v.publishedAt, fieldCount: fieldCountOf(v.formSchema) };
}

async function versionsOf(db: Queryable, programIds: string[]): Promise<Map<string, VersionRow[]>> {
  const byProgram = new Map<string, VersionRow[]>(programIds.map((id) => [id, []]));
  if (programIds.length === 0) return byProgram;
  const rows = await db.select().from(programVersions).where(inArray(programVersions.programId, programIds)).orderBy(desc(programVersions.version));
  for (const row of rows) byProgram.get(row.programId)?.push(row);
  return byProgram;
}

/** Programs owned by orgs in the subtrees where the user is an admin, newest version first. */
export async function listStudioPrograms(db: Queryable, user: SessionUser): Promise<StudioProgram[]> {
  const adminPaths = user.grants.filter((g) => g.role === "admin").map((g) => g.orgPath);
  if (adminPaths.length === 0) return [];
  const rows = await db.select().from(programs).orderBy(asc(programs.createdAt), asc(programs.code));
  const mine: (ProgramRow & { ownerOrgName: string })[] = [];
  for (const program of rows) {
    const owner = await getOrg(db, program.ownerOrgId);
    if (owner && adminPaths.some((p) => owner.path.startsWith(p))) mine.push({ ...program, ownerOrgName: owner.name });
  }
  const versions = await versionsOf(db, mine.map((p) => p.id));
  return mine.map((p) => studioProgram(p, versions.get(p.id) ?? []));
}

function studioProgram(p: ProgramRow & { ownerOrgName: string }, versions: VersionRow[]): StudioProgram {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    description: p.description,
    category: p.category,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    versions: versions.map(summary),
  };
}

/** One program with all its versions, for the studio's program page. */
export async function getStudioProgram(db: Queryable, user: SessionUser, programId: string): Promise<StudioProgram> {
  const program = await requireManageableProgram(db, user, programId);
  const versions = await versionsOf(db, [program.id]);
  return studioProgram(program, versions.get(program.id) ?? []);
}

function asDraft(row: VersionRow, basedOnVersion: number | null): ProgramDraft {
  return {
    id: row.id,
    programId: row.programId,
    version: row.version,
    formSchema: row.formSchema as FormSchema,
    bpmnXml: row.bpmnXml,
    flowDefinition: row.flowDefinition as FlowDefinition,
    basedOnVersion,
    createdAt: row.createdAt,
  };
}

async function latestPublishedNumber(db: Queryable, programId: string): Promise<number | null> {
  return (await publishedVersionFor(db, programId))?.version ?? null;
}

async function draftRow(db: Queryable, programId: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.programId, programId), eq(programVersions.status, "draft")))
    .orderBy(desc(programVersions.version))
    .limit(1);
  return row;
}

/** The program's draft version, or null when nobody has started editing since the last publish. */
export async function getDraft(db: Queryable, user: SessionUser, programId: string): Promise<ProgramDraft | null> {
  const program = await requireManageableProgram(db, user, programId);
  const row = await draftRow(db, program.id);
  return row ? asDraft(row, await latestPublishedNumber(db, program.id)) : null;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown } | null;
  if (e?.code === "23505") return true;
  return e?.cause ? isUniqueViolation(e.cause) : false;
}

/**
 * The program's draft: the existing one, or a new one (version = highest + 1) copied from
 * `sourceVersionId` (default: the latest published version, else the latest version of any status).
 * Two admins starting at once get the same draft: the (program, version) unique index lets one
 * insert win, and the other reads the winner's row.
 */
export async function createDraftFrom(db: Db, user: SessionUser, programId: string, sourceVersionId?: string): Promise<{ draft: ProgramDraft; created: boolean }> {
  const program = await requireManageableProgram(db, user, programId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const existing = await draftRow(tx, program.id);
        if (existing) return { draft: asDraft(existing, await latestPublishedNumber(tx, program.id)), created: false };
        const all = await tx.select().from(programVersions).where(eq(programVersions.programId, program.id)).orderBy(desc(programVersions.version));
        const source = sourceVersionId ? all.find((v) => v.id === sourceVersionId) : (all.find((v) => v.status === "published") ?? all[0]);
        if (!source) throw noSourceVersion();
        const [inserted] = await tx
          .insert(programVersions)
          .values({
            id: newId(),
            tenantId: program.tenantId,
            programId: program.id,
            version: (all[0]?.version ?? 0) + 1,
            status: "draft",
            formSchema: source.formSchema,
            bpmnXml: source.bpmnXml,
            flowDefinition: source.flowDefinition,
            consentText: source.consentText,
          })
          .returning();
        return { draft: asDraft(inserted, source.status === "published" ? source.version : await latestPublishedNumber(tx, program.id)), created: true };
      });
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** Get the program's draft, creating it from the latest published version if there is none. */
export function getOrCreateDraft(db: Db, user: SessionUser, programId: string) {
  return createDraftFrom(db, user, programId);
}

export type DraftPatch = Partial<Pick<VersionRow, "formSchema" | "bpmnXml" | "flowDefinition" | "consentText">>;

/**
 * Write columns of a draft version. Only a row still in "draft" is touched; a draft published
 * (or retired) meanwhile is refused with 409 and left as it is.
 */
export async function writeDraft(db: Queryable, draftId: string, patch: DraftPatch): Promise<VersionRow> {
  const [row] = await db
    .update(programVersions)
    .set(patch)
    .where(and(eq(programVersions.id, draftId), eq(programVersions.status, "draft")))
    .returning();
  if (!row) throw draftConflict();
  return row;
}

function accessProblem(p: FieldAccessProblem): DraftProblem {
  return { path: p.path, code: p.code, message: `${p.message.zh} / ${p.message.en}`, messageZh: p.message.zh, messageEn: p.message.en };
}

/** Field permissions may only name value fields and section headings of the form being saved. */
function unknownAccessFields(matrix: FieldAccessMatrix, schema: FormSchema): DraftProblem[] {
  const keys = new Set([...valueFieldKeys(schema), ...schema.fields.filter((f) => f.type === "group").map((f) => f.key)]);
  return Object.entries(matrix).flatMap(([nodeId, fields]) =>
    Object.keys(fields)
      .filter((key) => !keys.has(key))
      .map((key) => accessProblem({ path: `fieldAccess.${nodeId}.${key}`, code: "unknown_field", message: { zh: `字段权限引用了不存在的字段 "${key}"`, en: `Field permission names unknown field "${key}"` } })),
  );
}

/**
 * Save a form into the program's draft (creating the draft from the published version first if
 * needed), and with it, when given, the field permissions per approval node (written into the
 * draft's BPMN). The form is parsed and checked exactly as at publish time; any problem with the
 * form or the permissions refuses the save and nothing is written, not even a new draft.
 */
export async function saveFormDraft(db: Db, user: SessionUser, programId: string, formJson: unknown, fieldAccess?: unknown): Promise<SaveFormDraftResult> {
  await requireManageableProgram(db, user, programId);
  const parsed = parseFormSchema(formJson);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(bilingualProblem) };
  let matrix: FieldAccessMatrix | undefined;
  if (fieldAccess !== undefined) {
    const access = fieldAccessMatrixSchema.safeParse(fieldAccess);
    if (!access.success) return { ok: false, problems: [accessProblem({ path: "fieldAccess", code: "invalid_field_access", message: { zh: "字段权限格式不正确", en: "Field permissions are malformed" } })] };
    const unknown = unknownAccessFields(access.data, parsed.schema);
    if (unknown.length > 0) return { ok: false, problems: unknown };
    matrix = access.data;
  }
  // Check the permissions against the flow before a draft is made, so a refusal writes nothing.
  const current = (await draftRow(db, programId)) ?? (await latestVersionRow(db, programId));
  let flowPatch: DraftPatch = {};
  if (matrix && current) {
    const updated = await setFieldAccessInBpmn(current.bpmnXml, matrix);
    if (!updated.ok) return { ok: false, problems: updated.problems.map(accessProblem) };
    const compiled = await compileBpmn(updated.xml);
    flowPatch = compiled.ok ? { bpmnXml: updated.xml, flowDefinition: compiled.definition } : { bpmnXml: updated.xml };
  }
  const { draft, created } = await getOrCreateDraft(db, user, programId);
  const row = await writeDraft(db, draft.id, { formSchema: parsed.schema, ...flowPatch });
  return { ok: true, draft: asDraft(row, draft.basedOnVersion), created };
}

/** The version a new draft would copy: the latest published, else the latest of any status. */
async function latestVersionRow(db: Queryable, programId: string): Promise<VersionRow | undefined> {
  const all = await db.select().from(programVersions).where(eq(programVersions.programId, programId)).orderBy(desc(programVersions.version));
  return all.find((v) => v.status === "published") ?? all[0];
}

/** Field permissions per approval node as the compiled flow holds them (read-only entries left out). */
function accessOf(nodes: { id: string; fieldPermissions: Record<string, FieldAccess> }[]): FieldAccessMatrix {
  return Object.fromEntries(nodes.map((n) => [n.id, Object.fromEntries(Object.entries(n.fieldPermissions).filter(([, a]) => a !== "readonly"))]));
}

/** What the form designer opens: the draft if there is one, else the latest published form (read-only until saved). */
export async function getFormDesign(db: Queryable, user: SessionUser, programId: string) {
  const program = await requireManageableProgram(db, user, programId);
  const draft = await draftRow(db, program.id);
  const latest = draft ?? (await latestVersionRow(db, program.id));
  if (!latest) throw noSourceVersion();
  const flow = latest.flowDefinition as FlowDefinition | null;
  const nodes = Object.values(flow?.nodes ?? {}).flatMap((n) => (n.kind === "userTask" ? [{ id: n.id, name: n.name, fieldPermissions: n.approval?.fieldPermissions ?? {} }] : []));
  const userTasks = nodes.map((n) => ({ id: n.id, name: n.name }));
  return {
    program: { id: program.id, name: program.name, nameEn: program.nameEn, ownerOrgName: program.ownerOrgName },
    /** The version shown: the draft, or the version a save would copy. */
    version: { id: latest.id, version: latest.version, status: latest.status },
    hasDraft: Boolean(draft),
    formSchema: latest.formSchema as FormSchema,
    userTasks,
    fieldAccess: accessOf(nodes),
  };
}
