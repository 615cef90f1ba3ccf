import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { cases, orgs, programVersions, roleBindings, tasks, users } from "../../db/schema";
import type { ApprovalAction, CaseEvent, FlowDefinition, Localized } from "../types";
import { alreadyHandled, CaseCommandError, caseNotFound } from "../runtime/errors";
import { transitionCase } from "../runtime/transitionCase";
import type { SessionUser } from "./identity";
import { returnTargetsOf, visitsOf, type ReturnTarget } from "../returnTargets";

/** Hand-offs an approver may make without deciding: 转办, 加签 (before/after), 抄送. */
export type TaskCommand =
  | { action: "transfer"; to: string; comment: string }
  | { action: "addSigner"; userId: string; position: "before" | "after"; comment: string }
  | { action: "cc"; userIds: string[]; comment: string };

export type Colleague = { id: string; name: string; orgName: string };

function invalid(field: string, zh: string, en: string): CaseCommandError {
  return new CaseCommandError("invalidData", "请修改标红的项目后再提交", "Please correct the fields marked in red", 422, { [field]: `${zh} / ${en}` });
}

/** The caller's own open task; someone else's or a closed one is refused. */
export async function openTaskOf(db: Queryable, user: SessionUser, taskId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw caseNotFound();
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task || task.assigneeId !== user.id) throw caseNotFound();
  if (task.status !== "open") throw alreadyHandled();
  return task;
}

export type TaskActions = {
  actions: ApprovalAction[];
  labels: Partial<Record<ApprovalAction, Localized>>;
  commentRequiredOn: string[];
  signature: "none" | "optional" | "required";
  /** Earlier approval steps a 退回 may go to besides the applicant. */
  returnTargets: ReturnTarget[];
};

/** What the task's node allows and how its buttons are labelled, from the case's own program version. */
export async function taskActionsOf(
  db: Queryable,
  taskId: string,
): Promise<TaskActions> {
  const [row] = await db
    .select({ nodeId: tasks.nodeId, flow: programVersions.flowDefinition, snapshot: cases.snapshot })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
    .where(eq(tasks.id, taskId));
  const node = row ? (row.flow as FlowDefinition).nodes[row.nodeId] : undefined;
  if (node?.kind !== "userTask") return { actions: [], labels: {}, commentRequiredOn: [], signature: "none", returnTargets: [] };
  return {
    actions: node.approval.actions,
    labels: node.approval.buttonLabels ?? {},
    commentRequiredOn: node.approval.commentRequiredOn,
    signature: node.approval.signature,
    returnTargets: returnTargetsOf(row.flow as FlowDefinition, node.id, visitsOf(row.snapshot)),
  };
}

/**
 * People a task may be handed to or shared with: approvers whose bound org is the case's
 * org or above it (so they could see the case anyway), never the applicant or the caller.
 */
export async function colleaguesFor(db: Queryable, user: SessionUser, taskId: string): Promise<Colleague[]> {
  const task = await openTaskOf(db, user, taskId);
  const [kase] = await db.select({ path: cases.applicantOrgPath, applicantId: cases.applicantId }).from(cases).where(eq(cases.id, task.caseId));
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, orgName: orgs.name, orgPath: orgs.path })
    .from(roleBindings)
    .innerJoin(orgs, eq(orgs.id, roleBindings.orgId))
    .innerJoin(users, eq(users.id, roleBindings.userId))
    .where(
      and(
        eq(roleBindings.role, "approver"),
        sql`starts_with(${kase.path}, ${orgs.path})`,
        ne(users.id, user.id),
        ne(users.id, kase.applicantId),
      ),
    );
  // Nearest org first: a colleague at the same 基层工会 before the 区总.
  rows.sort((a, b) => b.orgPath.length - a.orgPath.length || a.name.localeCompare(b.name, "zh"));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(({ id, name, orgName }) => ({ id, name, orgName }));
}

const eventFor: { [A in TaskCommand["action"]]: (c: Extract<TaskCommand, { action: A }>, nodeId: string, by: string) => CaseEvent } = {
  transfer: (c, nodeId, by) => ({ type: "TRANSFER", nodeId, by, to: c.to, comment: c.comment || undefined }),
  addSigner: (c, nodeId, by) => ({ type: "ADD_SIGNER", nodeId, by, userId: c.userId, position: c.position, comment: c.comment || undefined }),
  cc: (c, nodeId, by) => ({ type: "CC", nodeId, by, userIds: c.userIds, comment: c.comment || undefined }),
};

function namedPeople(command: TaskCommand): { field: string; ids: string[] } {
  if (command.action === "transfer") return { field: "to", ids: [command.to] };
  if (command.action === "addSigner") return { field: "userId", ids: [command.userId] };
  return { field: "userIds", ids: command.userIds };
}

/** 转办 / 加签 / 抄送 on the caller's open task; everyone named must be one of the task's colleagues. */
export async function commandTask(db: Db, user: SessionUser, taskId: string, command: TaskCommand) {
  const task = await openTaskOf(db, user, taskId);
  const { field, ids } = namedPeople(command);
  if (ids.length === 0) throw invalid(field, "请选择人员", "Choose a person");
  if (ids.length > 50) throw invalid(field, "一次最多选择 50 人", "Choose at most 50 people at once");
  const allowed = new Set((await colleaguesFor(db, user, taskId)).map((c) => c.id));
  if (!ids.every((id) => allowed.has(id))) throw invalid(field, "所选人员不能处理此申请", "The chosen person cannot handle this case");
  const comment = command.comment.trim().slice(0, 2000);
  const event = (eventFor[command.action] as (c: TaskCommand, nodeId: string, by: string) => CaseEvent)({ ...command, comment }, task.nodeId, user.id);
  return transitionCase(db, { kind: "event", caseId: task.caseId, actorId: user.id, event });
}
