import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { programVersions } from "../../db/schema";
import { feelReferencedNames } from "../../forms/feel";
import { checkFormSchema, type FormSchema } from "../../forms/schema";
import { lintFlow } from "../lint/lintFlow";
import type { FlowDefinition } from "../types";
import { CaseCommandError } from "../runtime/errors";
import { getDraft, requireManageableProgram } from "./programDrafts";
import type { SessionUser } from "./identity";

/** One reason publishing was refused: where (form path or BPMN element) and why, in both languages. */
export type PublishProblem = { where: "form" | "flow"; path: string; elementId?: string; name?: string; zh: string; en: string };

export type PublishResult = { ok: true; version: number } | { ok: false; problems: PublishProblem[] };

/** Names a flow may read besides form fields: what service tasks and timers put into case variables. */
const CASE_VARIABLES = new Set(["memberNo", "payout"]);

/** Form and flow checked together: conditions read real fields, permissions name real fields. */
function crossCheck(form: FormSchema, def: FlowDefinition): PublishProblem[] {
  const fields = new Set(form.fields.map((f) => f.key));
  const problems: PublishProblem[] = [];
  for (const flow of def.flows) {
    if (!flow.condition) continue;
    for (const name of feelReferencedNames(flow.condition)) {
      if (fields.has(name) || CASE_VARIABLES.has(name)) continue;
      problems.push({
        where: "flow",
        path: `flows.${flow.id}`,
        elementId: flow.id,
        name: flow.name ?? flow.id,
        zh: `条件“${flow.condition}”引用了表单中不存在的字段 ${name}`,
        en: `The condition "${flow.condition}" reads ${name}, which is not a field of the form`,
      });
    }
  }
  for (const node of Object.values(def.nodes)) {
    if (node.kind !== "userTask") continue;
    for (const key of Object.keys(node.approval.fieldPermissions)) {
      if (fields.has(key)) continue;
      problems.push({ where: "flow", path: `nodes.${node.id}.fieldPermissions`, elementId: node.id, name: node.name, zh: `环节“${node.name}”设置了不存在的字段 ${key} 的权限`, en: `Step "${node.name}" sets access for ${key}, which is not a field of the form` });
    }
    problems.push(...assigneeFieldProblems(form, node));
  }
  return problems;
}

/** A step whose approvers the form names must name a real field; the applicant's choice needs an approver picker. */
function assigneeFieldProblems(form: FormSchema, node: Extract<FlowDefinition["nodes"][string], { kind: "userTask" }>): PublishProblem[] {
  const rule = node.approval.assignee;
  if (rule.kind !== "formField" && rule.kind !== "initiatorChoice") return [];
  const key = rule.field ?? "approver";
  const field = form.fields.find((f) => f.key === key);
  const at = { where: "flow" as const, path: `nodes.${node.id}.assignee`, elementId: node.id, name: node.name };
  if (!field) return [{ ...at, zh: `环节“${node.name}”按表单字段 ${key} 确定审批人，但表单中没有该字段`, en: `Step "${node.name}" takes its approver from ${key}, which is not a field of the form` }];
  if (rule.kind === "initiatorChoice" && field.type !== "approverPicker") {
    return [{ ...at, zh: `环节“${node.name}”由申请人自选审批人，字段 ${key} 应为“审批人自选”类型`, en: `Step "${node.name}" lets the applicant choose the approver; field ${key} must be an approver picker` }];
  }
  return [];
}

/**
 * Publish the program's draft: the form and the flow are checked, alone and together; any
 * problem refuses the publish and changes nothing. The draft becomes an immutable published
 * version and the previous one is retired; running cases stay on the version they started on.
 */
export async function publishDraft(db: Db, admin: SessionUser, programId: string): Promise<PublishResult> {
  const program = await requireManageableProgram(db, admin, programId);
  const draft = await getDraft(db, admin, programId);
  if (!draft) throw new CaseCommandError("invalidData", "没有待发布的草稿：请先修改表单或流程", "There is no draft to publish; edit the form or the flow first", 409);
  const problems: PublishProblem[] = checkFormSchema(draft.formSchema).map((p) => ({ where: "form" as const, path: p.path, zh: p.message, en: p.message }));
  const lint = await lintFlow(draft.bpmnXml);
  for (const p of lint.problems.filter((x) => x.severity === "error")) {
    problems.push({ where: "flow", path: p.code, elementId: p.elementId, name: p.name, zh: `${p.message.zh}（${p.hint.zh}）`, en: `${p.message.en} (${p.hint.en})` });
  }
  if (problems.length === 0 && lint.definition) problems.push(...crossCheck(draft.formSchema, lint.definition));
  if (problems.length || !lint.definition) return { ok: false, problems };

  const definition = lint.definition;
  await db.transaction(async (tx) => {
    const at = new Date();
    await tx.update(programVersions).set({ status: "retired" }).where(and(eq(programVersions.programId, program.id), eq(programVersions.status, "published")));
    const updated = await tx
      .update(programVersions)
      .set({ status: "published", publishedAt: at, flowDefinition: definition })
      .where(and(eq(programVersions.id, draft.id), eq(programVersions.status, "draft")))
      .returning({ id: programVersions.id });
    if (updated.length === 0) throw new CaseCommandError("conflict", "草稿已被他人发布或修改，请刷新后重试", "The draft was published or changed by someone else; reload and try again", 409);
    await appendAudit(tx, { tenantId: program.tenantId, stream: `program:${program.id}`, caseId: null, actorId: admin.id, action: "program.published", nodeId: null, comment: null, detail: { version: draft.version }, at: at.toISOString() });
  });
  return { ok: true, version: draft.version };
}
