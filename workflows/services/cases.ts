import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { auditLog, cases, notifications, programs, programVersions, tasks, users } from "../../db/schema";
import { validateSubmission } from "../../forms/validateSubmission";
import type { FileLookup } from "../../forms/fields/upload";
import type { FormSchema } from "../../forms/schema";
import type { LocalizedText } from "../../forms/messages";
import { fileMeta, filesOfCase } from "../../db/files";
import { openCaseData } from "../../db/caseData";
import type { CaseEvent } from "../types";
import { CaseCommandError, caseNotFound } from "../runtime/errors";
import { transitionCase } from "../runtime/transitionCase";
import { hasRoleOver, type SessionUser } from "./identity";
import { publishedVersionFor, programVisibleTo } from "./programs";
import { deleteDraft } from "./applicationDrafts";
import { submissionFileLookup, submittedFileIds } from "./submissionFiles";
import { openTaskOf, taskActionsOf } from "./taskActions";
import { checkPngDataUrl } from "../../forms/pngDataUrl";
import { assertMayApply } from "./applyGate";
import { isClaimable, nodeModeOf, poolSizeOf } from "./taskClaims";
import { nodeAllowsBulkOf } from "./bulkApproval";
import { approverEdits, type ApprovedData } from "./approverEdits";
import { approverCandidatesOf, approverOptionsOf } from "./approverCandidates";
import type { ApproverCandidates } from "../../forms/fields/approverPicker";

export type Locale = "zh" | "en";

function invalid(errors: Record<string, string>): CaseCommandError {
  return new CaseCommandError("invalidData", "请修改标红的项目后再提交", "Please correct the fields marked in red", 422, errors);
}

/** Validate with the program version's one validator, exactly as the browser did (plus the uploaded files' facts and whom the applicant may pick). */
function validated(schema: FormSchema, input: unknown, locale: Locale, lookups: { files: FileLookup; people: ApproverCandidates }): Record<string, unknown> {
  const result = validateSubmission(schema, input, { locale, ...lookups });
  if (!result.ok) throw invalid(result.errors);
  return result.data;
}

export async function submitApplication(
  db: Db,
  user: SessionUser,
  programId: string,
  input: unknown,
  submitKey: string,
  locale: Locale,
) {
  const program = await programVisibleTo(db, user, programId);
  if (!program) throw caseNotFound();
  const version = await publishedVersionFor(db, programId);
  if (!version) throw caseNotFound();
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(submitKey)) throw invalid({ _form: "提交标识无效 / invalid submit key" });
  await assertMayApply(db, user, program);
  const schema = version.formSchema as FormSchema;
  // A retried submit names files its first attempt already attached to its case.
  const [earlier] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.applicantId, user.id), eq(cases.submitKey, submitKey)));
  const data = validated(schema, input, locale, {
    files: await submissionFileLookup(db, user, schema, input, earlier?.id),
    people: await approverCandidatesOf(db, user, schema),
  });
  const result = await transitionCase(db, {
    kind: "start",
    programVersionId: version.id,
    applicantId: user.id,
    applicantOrgId: user.orgId,
    data,
    submitKey,
    consentText: version.consentText,
    fileIds: submittedFileIds(schema, data),
  });
  await deleteDraft(db, user.id, programId);
  return result;
}

/** A case is visible to its applicant, to whoever has a task on it, and to approvers/admins over its org. */
export async function visibleCase(db: Queryable, user: SessionUser, caseId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw caseNotFound();
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw caseNotFound();
  if (row.applicantId === user.id) return row;
  if (hasRoleOver(user, "approver", row.applicantOrgPath) || hasRoleOver(user, "admin", row.applicantOrgPath)) return row;
  const mine = await db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, user.id)));
  if (mine.length) return row;
  const copied = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), eq(notifications.userId, user.id), eq(notifications.templateKey, "cc")))
    .limit(1);
  if (copied.length) return row;
  throw caseNotFound();
}

export type TimelineEntry = {
  at: string;
  action: string;
  actorName: string | null;
  nodeId: string | null;
  comment: string | null;
  targetNames: string[];
  signature: string | null;
  /** Labels of the fields an approver changed with this decision. */
  changedFields: LocalizedText[];
  /** The earlier step a 退回 sent the case to (null: to the applicant, or not a return). */
  returnedTo: string | null;
};

function returnedToOf(auditDetail: unknown): string | null {
  const to = (auditDetail as { detail?: { returnTo?: { name?: unknown } } } | null)?.detail?.returnTo;
  return typeof to?.name === "string" ? to.name : null;
}

/** The labels of the fields an audit row says were changed (fields the form no longer has keep their key). */
function changedFieldsOf(auditDetail: unknown, schema: FormSchema): LocalizedText[] {
  const changed = (auditDetail as { detail?: { changed?: unknown } } | null)?.detail?.changed;
  if (!Array.isArray(changed)) return [];
  return changed.map((key) => {
    const field = schema.fields.find((f) => f.key === key);
    return field ? field.label : { zh: String(key), en: String(key) };
  });
}

function signatureOf(auditDetail: unknown): string | null {
  const d = (auditDetail as { detail?: { signature?: unknown } } | null)?.detail;
  return typeof d?.signature === "string" ? d.signature : null;
}

/** People an audit row names besides its actor (转办给, 加签, 抄送). */
function targetsOf(auditDetail: unknown): string[] {
  const d = ((auditDetail as { detail?: unknown } | null)?.detail ?? {}) as { to?: unknown; userId?: unknown; userIds?: unknown };
  const ids = [d.to, d.userId, ...(Array.isArray(d.userIds) ? d.userIds : [])];
  return ids.filter((x): x is string => typeof x === "string");
}

export async function getCaseView(db: Db, user: SessionUser, caseId: string) {
  const row = await visibleCase(db, user, caseId);
  const [pv] = await db
    .select({ formSchema: programVersions.formSchema, programName: programs.name, programNameEn: programs.nameEn, version: programVersions.version })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(eq(programVersions.id, row.programVersionId));
  const audit = await db.select().from(auditLog).where(eq(auditLog.stream, `case:${row.id}`)).orderBy(asc(auditLog.id));
  const actorIds = [...new Set(audit.flatMap((a) => [a.actorId, ...targetsOf(a.detail)]).filter((x): x is string => Boolean(x)))];
  const [applicant] = await db.select({ name: users.name, memberNo: users.memberNo }).from(users).where(eq(users.id, row.applicantId));
  const names = actorIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const openTasks = await db
    .select({ id: tasks.id, nodeId: tasks.nodeId, name: tasks.name, assigneeId: tasks.assigneeId, claimedBy: tasks.claimedBy, createdAt: tasks.createdAt, dueAt: tasks.dueAt })
    .from(tasks)
    .where(and(eq(tasks.caseId, row.id), eq(tasks.status, "open")));
  // A claimed pool task (认领) is in the claimer's hands alone: the others wait, and are not listed as 当前环节.
  const deciding = openTasks.filter((t) => !t.claimedBy || t.claimedBy === t.assigneeId);
  const assigneeNames = openTasks.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, openTasks.map((t) => t.assigneeId)))
    : [];
  const assigneeNameOf = new Map(assigneeNames.map((n) => [n.id, n.name]));
  return {
    id: row.id,
    caseNo: row.caseNo,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // Plain: callers that show it to someone other than the applicant mask it (caseViewFor).
    data: openCaseData(row.data as Record<string, unknown>),
    variables: row.variables as Record<string, unknown>,
    formSchema: pv.formSchema as FormSchema,
    programName: pv.programName,
    programNameEn: pv.programNameEn,
    programId: row.programId,
    files: (await filesOfCase(db, row.id)).map(fileMeta),
    applicantName: applicant?.name ?? "",
    applicantMemberNo: applicant?.memberNo ?? null,
    isApplicant: row.applicantId === user.id,
    /** Set once the retention period ran out and the data and files were removed. */
    purgedAt: row.purgedAt?.toISOString() ?? null,
    // Only the applicant edits the form again (补正), with their own chain's people to pick.
    approverOptions: row.applicantId === user.id ? await approverOptionsOf(db, { id: row.applicantId, orgId: row.applicantOrgId }, pv.formSchema as FormSchema) : {},
    canWithdraw: row.applicantId === user.id && row.status === "running" && !audit.some((a) => a.actorId && a.actorId !== row.applicantId),
    openTasks: deciding.map(({ claimedBy, ...t }) => ({ ...t, claimed: claimedBy !== null, assigneeName: assigneeNameOf.get(t.assigneeId) ?? "", createdAt: t.createdAt.toISOString(), dueAt: t.dueAt?.toISOString() ?? null })),
    myOpenTask: openTasks.find((t) => t.assigneeId === user.id) ?? null,
    timeline: audit.map<TimelineEntry>((a) => ({
      at: a.at,
      action: a.action,
      actorName: a.actorId ? (nameOf.get(a.actorId) ?? null) : null,
      nodeId: a.nodeId,
      comment: a.comment,
      targetNames: targetsOf(a.detail).map((id) => nameOf.get(id) ?? "?"),
      signature: signatureOf(a.detail),
      changedFields: changedFieldsOf(a.detail, pv.formSchema as FormSchema),
      returnedTo: returnedToOf(a.detail),
    })),
  };
}

export type CaseView = Awaited<ReturnType<typeof getCaseView>>;

export async function listMyCases(db: Db, user: SessionUser) {
  return db
    .select({ id: cases.id, caseNo: cases.caseNo, status: cases.status, createdAt: cases.createdAt, updatedAt: cases.updatedAt, programId: programs.id, programName: programs.name, programNameEn: programs.nameEn })
    .from(cases)
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(eq(cases.applicantId, user.id))
    .orderBy(desc(cases.createdAt));
}

export async function resubmitCase(db: Db, user: SessionUser, caseId: string, input: unknown, locale: Locale) {
  const row = await visibleCase(db, user, caseId);
  const [pv] = await db.select({ formSchema: programVersions.formSchema }).from(programVersions).where(eq(programVersions.id, row.programVersionId));
  const schema = pv.formSchema as FormSchema;
  const data = validated(schema, input, locale, {
    files: await submissionFileLookup(db, user, schema, input, row.id),
    people: await approverCandidatesOf(db, { id: row.applicantId, orgId: row.applicantOrgId }, schema),
  });
  return transitionCase(db, { kind: "event", caseId, actorId: user.id, event: { type: "RESUBMIT", by: user.id, data } as CaseEvent, fileIds: submittedFileIds(schema, data) });
}

export async function withdrawCase(db: Db, user: SessionUser, caseId: string) {
  await visibleCase(db, user, caseId);
  return transitionCase(db, { kind: "event", caseId, actorId: user.id, event: { type: "WITHDRAW", by: user.id } as CaseEvent });
}

/**
 * `signature`: the approver's handwritten signature as a PNG data URL, where the step asks for one.
 * `edits`: new values for the fields the step marks 可编辑, applied when approving.
 */
export type Decision = {
  action: "approve" | "reject" | "return";
  comment: string;
  signature?: string;
  edits?: Record<string, unknown>;
  /** 退回到: "applicant" (default) or an earlier approval step's node id (see returnTargetsOf). */
  returnTo?: string;
};

type DecisionInput = { nodeId: string; by: string; comment: string; signature?: string; approved?: ApprovedData; returnTo: string };
const decisionEvents: Record<Decision["action"], (d: DecisionInput) => CaseEvent> = {
  approve: (d) => ({ type: "APPROVE", nodeId: d.nodeId, by: d.by, comment: d.comment || undefined, signature: d.signature, data: d.approved?.data, changed: d.approved?.changed }),
  reject: (d) => ({ type: "REJECT", nodeId: d.nodeId, by: d.by, comment: d.comment, signature: d.signature }) as CaseEvent,
  return: (d) => ({ type: "RETURN", nodeId: d.nodeId, by: d.by, comment: d.comment, to: d.returnTo }) as CaseEvent,
};

const SIGNATURE_MAX_BYTES = 200 * 1024;

/** 退回到: the applicant, or one of the earlier steps the task's node may send the case back to. */
async function checkedReturnTarget(db: Db, taskId: string, returnTo: string | undefined): Promise<string> {
  if (!returnTo || returnTo === "applicant") return "applicant";
  const { returnTargets } = await taskActionsOf(db, taskId);
  if (!returnTargets.some((t) => t.nodeId === returnTo)) {
    throw invalid({ returnTo: "只能退回给申请人或本申请已经过的审批环节 / A case can go back only to the applicant or to a step it has passed through" });
  }
  return returnTo;
}

/** An approver decides one of their tasks; a task already closed by someone else is 已被处理. */
export async function decideTask(db: Db, user: SessionUser, taskId: string, decision: Decision, locale: Locale = "zh") {
  const task = await openTaskOf(db, user, taskId);
  const comment = decision.comment.trim().slice(0, 2000);
  if ((decision.action === "reject" || decision.action === "return") && !comment) {
    throw invalid({ comment: "拒绝或退回时必须填写审批意见 / A comment is required to reject or return" });
  }
  const signature = decision.signature || undefined;
  if (signature !== undefined && !checkPngDataUrl(signature, SIGNATURE_MAX_BYTES).ok) {
    throw invalid({ signature: "签名须为不超过200KB的手写签名图片 / The signature must be a drawn image of at most 200 KB" });
  }
  const approved = decision.action === "approve" && decision.edits ? await approverEdits(db, user, task, decision.edits, locale) : undefined;
  const returnTo = decision.action === "return" ? await checkedReturnTarget(db, task.id, decision.returnTo) : "applicant";
  return transitionCase(db, { kind: "event", caseId: task.caseId, actorId: user.id, event: decisionEvents[decision.action]({ nodeId: task.nodeId, by: user.id, comment, signature, approved, returnTo }) });
}

/**
 * 待办: the caller's open tasks, oldest first, without pool tasks a colleague has claimed; with
 * whether each can be claimed (认领) and whether its node allows 批量审批.
 */
export async function listMyTasks(db: Db, user: SessionUser) {
  const rows = await db
    .select({
      taskId: tasks.id,
      taskName: tasks.name,
      receivedAt: tasks.createdAt,
      dueAt: tasks.dueAt,
      caseId: cases.id,
      caseNo: cases.caseNo,
      applicantName: users.name,
      programName: programs.name,
      programNameEn: programs.nameEn,
      programId: programs.id,
      data: cases.data,
      claimedBy: tasks.claimedBy,
      mode: nodeModeOf,
      poolSize: poolSizeOf,
      allowBulk: nodeAllowsBulkOf,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(users, eq(users.id, cases.applicantId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
    .where(and(eq(tasks.assigneeId, user.id), eq(tasks.status, "open"), or(isNull(tasks.claimedBy), eq(tasks.claimedBy, user.id))))
    .orderBy(asc(tasks.createdAt));
  return rows.map(({ mode, poolSize, claimedBy, allowBulk, ...row }) => ({
    ...row,
    poolSize: Number(poolSize),
    claimedByMe: claimedBy === user.id,
    claimable: isClaimable(mode, Number(poolSize), claimedBy),
    allowBulk: allowBulk === true,
  }));
}

/** 抄送我: cases others shared with the caller, newest first. */
export async function listCopiedToMe(db: Db, user: SessionUser) {
  const rows = await db
    .select({ caseId: cases.id, caseNo: cases.caseNo, status: cases.status, copiedAt: notifications.createdAt, applicantName: users.name, programId: programs.id, programName: programs.name, programNameEn: programs.nameEn, data: cases.data })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(users, eq(users.id, cases.applicantId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(and(eq(notifications.userId, user.id), eq(notifications.templateKey, "cc")))
    .orderBy(desc(notifications.createdAt))
    .limit(200);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.caseId) && seen.add(r.caseId));
}

export async function getTask(db: Db, user: SessionUser, taskId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw caseNotFound();
  const [task] = await db.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.assigneeId, user.id)));
  if (!task) throw caseNotFound();
  return task;
}

export async function memberNumberOf(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await db.select({ memberNo: users.memberNo }).from(users).where(and(eq(users.id, userId), isNotNull(users.memberNo)));
  return row?.memberNo ?? null;
}
