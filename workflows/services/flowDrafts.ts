import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { programVersions } from "../../db/schema";
import { getFieldType } from "../../forms/fieldRegistry";
import type { FormSchema } from "../../forms/schema";
import { lintFlow, type FlowProblem } from "../lint/lintFlow";
import { serviceHandlerIds } from "../serviceHandlers";
import { replayTestRun, type TestRunResult } from "../testRun/replayTestRun";
import type { Localized } from "../types";
import type { SessionUser } from "./identity";
import { getOrCreateDraft, requireManageableProgram } from "./programDrafts";
import { noSourceVersion } from "./studioError";

/** A form field as the modeler offers it: for 字段权限, 表单字段审批人, and test-run sample data. */
export type FlowFormField = { key: string; label: Localized; type: string; valueKind: string };

export type FlowDesign = {
  program: { id: string; name: string; nameEn: string };
  version: { id: string; version: number; status: string };
  hasDraft: boolean;
  bpmnXml: string;
  /** Hash of `bpmnXml`; a save names it so that a change made elsewhere meanwhile is not overwritten. */
  baseHash: string;
  fields: FlowFormField[];
  handlers: string[];
  problems: FlowProblem[];
};

/** Fields that hold data, in order (not headings, static text or the consent box). */
export function flowFormFields(schema: FormSchema | null | undefined): FlowFormField[] {
  const fields = Array.isArray(schema?.fields) ? schema.fields : [];
  return fields.flatMap((f) => {
    const valueKind = getFieldType(f.type)?.valueKind ?? "string";
    if (valueKind === "none" || valueKind === "consent") return [];
    return [{ key: f.key, label: { zh: f.label?.zh ?? f.key, en: f.label?.en || f.label?.zh || f.key }, type: f.type, valueKind }];
  });
}

/** What the modeler opens: the draft's BPMN if there is a draft, else the latest published one (saved into a new draft on first save). */
export async function getFlowDesign(db: Queryable, user: SessionUser, programId: string): Promise<FlowDesign> {
  const program = await requireManageableProgram(db, user, programId);
  const all = await db.select().from(programVersions).where(eq(programVersions.programId, program.id)).orderBy(desc(programVersions.version));
  const draft = all.find((v) => v.status === "draft");
  const shown = draft ?? all.find((v) => v.status === "published") ?? all[0];
  if (!shown) throw noSourceVersion();
  return {
    program: { id: program.id, name: program.name, nameEn: program.nameEn },
    version: { id: shown.id, version: shown.version, status: shown.status },
    hasDraft: Boolean(draft),
    bpmnXml: shown.bpmnXml,
    baseHash: xmlHash(shown.bpmnXml),
    fields: flowFormFields(shown.formSchema as FormSchema),
    handlers: serviceHandlerIds(),
    problems: (await lintFlow(shown.bpmnXml)).problems,
  };
}

/** Compiler codes that mean "this is not a BPMN document at all": nothing to save. */
const unreadable = new Set(["xml.empty", "xml.tooLarge", "xml.invalid", "xml.notBpmn"]);

export function xmlHash(xml: string): string {
  return createHash("sha256").update(xml).digest("base64url");
}

/** A refused save, in the shape app/http.server.ts `commandErrorResponse` turns into a 4xx body. */
export class FlowSaveError extends Error {
  constructor(
    readonly code: "invalidFlow" | "flowChanged",
    readonly status: 400 | 409,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

export type SaveFlowResult = { draftVersion: number; created: boolean; problems: FlowProblem[]; errorCount: number; baseHash: string };

/**
 * Save the modeler's XML into the program's draft (created from the published version on first
 * save). A flow with problems is saved all the same (work in progress) and the problems are
 * returned; publishing refuses while any error remains. Only a document that is not BPMN at all
 * is refused, and then nothing is written. The draft's flowDefinition is updated when the XML
 * compiles; otherwise the last one that compiled stays (publishing compiles the XML again).
 *
 * `baseHash` is the hash of the XML the modeler opened (or last saved). If the draft's XML has
 * changed since (another admin, or the form designer writing field permissions), the save is
 * refused with 409 rather than silently overwriting that change.
 */
export async function saveFlowDraft(db: Db, user: SessionUser, programId: string, xml: unknown, baseHash: unknown): Promise<SaveFlowResult> {
  await requireManageableProgram(db, user, programId);
  const text = typeof xml === "string" ? xml : "";
  const lint = await lintFlow(text);
  const fatal = lint.problems.find((p) => unreadable.has(p.code));
  if (fatal) throw new FlowSaveError("invalidFlow", 400, `无法保存：${fatal.message.zh}`, `Cannot save: ${fatal.message.en}`);
  const { draft, created } = await getOrCreateDraft(db, user, programId);
  const changed = () =>
    new FlowSaveError(
      "flowChanged",
      409,
      "流程在您打开后已被修改（其他管理员，或表单设计器中的字段权限），或草稿已发布。请先导出 .bpmn 备份，刷新页面后再修改",
      "The flow changed after you opened it (another admin, or field permissions in the form designer), or the draft was published. Export a .bpmn backup, reload the page and edit again",
    );
  if (typeof baseHash !== "string" || baseHash !== xmlHash(draft.bpmnXml)) throw changed();
  // Compare-and-set on the XML read above: of two saves from the same starting point, one wins.
  const [written] = await db
    .update(programVersions)
    .set(lint.definition ? { bpmnXml: text, flowDefinition: lint.definition } : { bpmnXml: text })
    .where(and(eq(programVersions.id, draft.id), eq(programVersions.status, "draft"), eq(programVersions.bpmnXml, draft.bpmnXml)))
    .returning({ id: programVersions.id });
  if (!written) throw changed();
  return { draftVersion: draft.version, created, problems: lint.problems, errorCount: lint.errorCount, baseHash: xmlHash(text) };
}

/** Replay a test run of the XML the admin is editing (nothing is written; see replayTestRun). */
export async function testRunFlow(db: Queryable, user: SessionUser, programId: string, input: unknown): Promise<TestRunResult> {
  await requireManageableProgram(db, user, programId);
  return replayTestRun(input);
}
