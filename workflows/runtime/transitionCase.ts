import { and, eq, like } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { formatNumber, chinaYearMonth, nextCounter } from "../../db/counters";
import { newId } from "../../db/ids";
import { cases, files, jobs, programs, programVersions, seats, tasks, users, waitlistEntries } from "../../db/schema";
import { insertNotification } from "./notificationOutbox";
import { holdSeat, nextWaiting, releaseCase, retakeSeat, takeQuota, takeSeat, waitlistPosition } from "./admission";
import { getOrg } from "../../db/orgs";
import { applyEvent, startCase } from "../engine";
import type { CaseEvent, Effect, FlowDefinition, OpenTask, Step } from "../types";
import { FlowRejection } from "../types";
import { attachCaseFiles } from "./attachCaseFiles";
import { loadDirectory } from "./loadDirectory";
import { loadWorkCalendar } from "../../db/calendar";
import { admissionHookFor } from "../admissionHooks";
import { alreadyHandled, CaseCommandError, caseNotFound, claimedByOther, notApplicant, notYourTask, versionConflict } from "./errors";
import { openCaseData, sealCaseData, sealSnapshot, type SealPaths } from "../../db/caseData";
import { sensitivePathsOf } from "../../forms/sensitiveFields";
import type { FormSchema } from "../../forms/schema";

export type StartCommand = {
  kind: "start";
  programVersionId: string;
  applicantId: string;
  applicantOrgId: string;
  data: Record<string, unknown>;
  submitKey: string;
  consentText?: string;
  /** Uploaded files the data names, attached to the new case in its transaction. */
  fileIds?: string[];
};

export type EventCommand = {
  kind: "event";
  caseId: string;
  event: CaseEvent;
  /** The person acting; null for the system (timers, service results). */
  actorId: string | null;
  /** When set, the step only applies if the case is still at this version. */
  expectedVersion?: number;
  /** A job completed by this step, marked done in the same transaction (exactly-once). */
  completesJobId?: string;
  /** Uploaded files new data names (a resubmission), attached to the case in its transaction. */
  fileIds?: string[];
};

/** 取消报名: the applicant gives up a place they were granted (an approved case holding a seat). */
export type CancelCommand = { kind: "cancel"; caseId: string; actorId: string; reason: string };

/** 退出候补: the applicant leaves a waitlist before a place comes up. */
export type LeaveWaitlistCommand = { kind: "leaveWaitlist"; entryId: string; actorId: string };

/** 保存期限届满: the system removes a finished case's form data, snapshot data and files; the record and its audit trail stay. */
export type PurgeCommand = { kind: "purge"; caseId: string; retentionYears: number };

export type TransitionCommand = StartCommand | EventCommand | CancelCommand | LeaveWaitlistCommand | PurgeCommand;

export type TransitionResult = {
  caseId: string;
  caseNo: string;
  version: number;
  status: string;
  created: boolean;
  /** Set when the program was full and the application joined the waitlist (caseId is then the entry's id). */
  waitlistPosition?: number;
};

/** Events only the assignee of an open task on the node may send. */
const TASK_EVENTS = new Set(["APPROVE", "REJECT", "RETURN", "TRANSFER", "ADD_SIGNER", "CC", "CLAIM", "RELEASE"]);
/** Case endings that give back the applicant's quota slot and seat. */
const RELEASING_STATUSES = new Set(["withdrawn", "rejected"]);
/** Events that settle the actor's own part in a node. */
const DECISION_EVENTS = new Set(["APPROVE", "REJECT", "RETURN"]);
/** Events only the applicant may send. */
const APPLICANT_EVENTS = new Set(["RESUBMIT", "WITHDRAW"]);

const definitionCache = new Map<string, FlowDefinition>();
const sealPathsCache = new Map<string, SealPaths>();

/** Where the version's form keeps personal numbers, sealed on every write of its data. */
function sealPathsOf(version: { id: string; formSchema: unknown }): SealPaths {
  let paths = sealPathsCache.get(version.id);
  if (!paths) {
    paths = sensitivePathsOf(version.formSchema as FormSchema);
    sealPathsCache.set(version.id, paths);
  }
  return paths;
}

async function loadVersion(q: Db | Tx, programVersionId: string) {
  const [row] = await q
    .select({ version: programVersions, program: programs })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(eq(programVersions.id, programVersionId));
  if (!row) throw caseNotFound();
  // Published versions are immutable, so the parsed definition can be cached by id.
  let definition = definitionCache.get(programVersionId);
  if (!definition) {
    definition = row.version.flowDefinition as FlowDefinition;
    definitionCache.set(programVersionId, definition);
  }
  return { ...row, definition };
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };
  if (e?.code === "23505") return `${e.constraint_name ?? ""} ${e.constraint ?? ""} ${e.message ?? ""}`.includes(constraint);
  return e?.cause ? isUniqueViolation(e.cause, constraint) : false;
}

/**
 * The one function that changes a case: runs the pure engine step, then in ONE transaction
 * writes the snapshot (optimistic version check), the task rows, the job rows, notifications
 * and the audit entry. Concurrent decisions on the same case retry while the actor's task is
 * still open; a decision on a task someone else already closed is refused as 已被处理.
 */
export async function transitionCase(db: Db, command: TransitionCommand, now: () => Date = () => new Date()): Promise<TransitionResult> {
  if (command.kind === "start") return startNewCase(db, command, now());
  if (command.kind === "cancel") return db.transaction((tx) => cancelGrantedPlace(tx, command, now()));
  if (command.kind === "leaveWaitlist") return db.transaction((tx) => leaveWaitlist(tx, command, now()));
  if (command.kind === "purge") return db.transaction((tx) => purgeCase(tx, command, now()));
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => applyToCase(tx, command, now()));
    } catch (err) {
      // Another decision landed first: try again on the new version, where our own task
      // may still be open (会签 votes) or may now be closed (或签: refused as 已被处理).
      if (err instanceof CaseCommandError && err.code === "conflict" && command.expectedVersion === undefined && attempt < 20) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}

async function startNewCase(db: Db, command: StartCommand, at: Date): Promise<TransitionResult> {
  const existing = (await findBySubmitKey(db, command.applicantId, command.submitKey)) ?? (await findWaitlisted(db, command.applicantId, command.submitKey));
  if (existing) return existing;
  try {
    return await db.transaction(async (tx) => {
      const { program, version } = await loadVersion(tx, command.programVersionId);
      const caseId = newId();
      // Limits and seats are taken in the case's own transaction: a refusal leaves nothing behind.
      await takeQuota(tx, program, command.applicantId, command.data, caseId, at);
      const seat = await takeSeat(tx, program, command.data);
      if (seat.kind === "waitlist") return enterWaitlist(tx, program, command, sealPathsOf(version), seat.poolId, caseId, at);
      // A plugin's own resource (a venue slot) is held here too, before the case number is drawn.
      await admissionHookFor(program)?.hold({ tx, tenantId: program.tenantId, programId: program.id, caseId, applicantId: command.applicantId, applicantOrgId: command.applicantOrgId, data: command.data, at });
      const result = await createCase(tx, command, caseId, at);
      if (seat.kind === "seat") await holdSeat(tx, program.tenantId, seat.poolId, caseId, at);
      return result;
    });
  } catch (err) {
    // A double-clicked submit raced us: both carried the same key, the other one won.
    if (isUniqueViolation(err, "cases_submit_key_uq") || isUniqueViolation(err, "waitlist_submit_key_uq")) {
      const winner = (await findBySubmitKey(db, command.applicantId, command.submitKey)) ?? (await findWaitlisted(db, command.applicantId, command.submitKey));
      if (winner) return winner;
    }
    throw err;
  }
}

/** Insert a case and its first step (engine start, tasks, jobs, audit) inside `tx`. */
async function createCase(tx: Tx, command: StartCommand, caseId: string, at: Date): Promise<TransitionResult> {
    const { version, program, definition } = await loadVersion(tx, command.programVersionId);
    const org = await getOrg(tx, command.applicantOrgId);
    if (!org) throw caseNotFound();
    const directory = await loadDirectory(tx, command.applicantId, org.id, program.ownerOrgId);
    const calendar = await loadWorkCalendar(tx, program.tenantId);
    const step = runEngine(() => startCase(definition, { data: command.data, applicantId: command.applicantId }, { now: at.toISOString(), directory, calendar }));
    const seq = await nextCounter(tx, program.tenantId, `case:${program.id}:${chinaYearMonth(at).year}`);
    const caseNo = formatNumber(program.caseNoPattern, seq, at);
    const paths = sealPathsOf(version);
    await tx.insert(cases).values({
      id: caseId,
      tenantId: program.tenantId,
      programId: program.id,
      programVersionId: version.id,
      caseNo,
      applicantId: command.applicantId,
      applicantOrgId: org.id,
      applicantOrgPath: org.path,
      status: step.status,
      data: sealCaseData(command.data, paths),
      variables: step.variables ?? {},
      snapshot: sealSnapshot(step.snapshot as object, paths),
      version: 1,
      submitKey: command.submitKey,
      consentText: command.consentText ?? version.consentText,
      createdAt: at,
      updatedAt: at,
    });
    await attachCaseFiles(tx, caseId, command.applicantId, command.fileIds);
    await writeConsequences(tx, { caseId, tenantId: program.tenantId, applicantId: command.applicantId }, step, command.applicantId, null, at);
  return { caseId, caseNo, version: 1, status: step.status, created: true };
}

/**
 * An approved case gives its place back: the case ends as withdrawn (audit action `cancel`), its
 * seat and quota slot are released and the waitlist's first entry promoted, all in one
 * transaction. The flow has already finished, so the engine is not asked.
 */
async function cancelGrantedPlace(tx: Tx, command: CancelCommand, at: Date): Promise<TransitionResult> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, command.caseId)).for("update");
  if (!row) throw caseNotFound();
  if (row.applicantId !== command.actorId) throw notApplicant();
  const [seat] = await tx.select({ id: seats.id }).from(seats).where(eq(seats.caseId, row.id));
  const { program } = await loadVersion(tx, row.programVersionId);
  const hook = admissionHookFor(program);
  if (row.status !== "approved" || (!seat && !hook?.cancel)) {
    throw new CaseCommandError("notCancellable", "只有已确认名额的报名可以取消", "Only an enrolment with a confirmed place can be cancelled", 409);
  }
  await hook?.cancel?.({ tx, tenantId: row.tenantId, caseId: row.id, at });
  await tx.update(cases).set({ status: "withdrawn", version: row.version + 1, updatedAt: at }).where(eq(cases.id, row.id));
  const freedPool = await releaseCase(tx, row.id);
  await hook?.release({ tx, tenantId: row.tenantId, caseId: row.id, status: "cancelled", at });
  await appendAudit(tx, { tenantId: row.tenantId, stream: `case:${row.id}`, caseId: row.id, actorId: command.actorId, action: "cancel", nodeId: null, comment: command.reason || null, detail: { status: "withdrawn" }, at: at.toISOString() });
  if (freedPool) await promoteWaitlist(tx, freedPool, at);
  return { caseId: row.id, caseNo: row.caseNo, version: row.version + 1, status: "withdrawn", created: false };
}

/** Cases that are over: nothing more will happen to them, so their data can be let go once kept long enough. */
export const FINISHED_STATUSES = ["approved", "rejected", "withdrawn"] as const;

async function purgeCase(tx: Tx, command: PurgeCommand, at: Date): Promise<TransitionResult> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, command.caseId)).for("update");
  if (!row) throw caseNotFound();
  if (row.purgedAt || !(FINISHED_STATUSES as readonly string[]).includes(row.status)) {
    throw new CaseCommandError("notPurgeable", "只有已办结且未清除的申请可以清除资料", "Only a finished case whose data is still kept can be purged", 409);
  }
  const snapshot = row.snapshot as { context?: Record<string, unknown> };
  const emptied = snapshot.context ? { ...snapshot, context: { ...snapshot.context, data: {} } } : snapshot;
  // updatedAt stays: it is when the case finished, which reports still need.
  await tx.update(cases).set({ data: {}, snapshot: emptied, purgedAt: at, version: row.version + 1 }).where(eq(cases.id, row.id));
  const removed = await tx.delete(files).where(eq(files.caseId, row.id)).returning({ id: files.id });
  await appendAudit(tx, { tenantId: row.tenantId, stream: `case:${row.id}`, caseId: row.id, actorId: null, action: "purge", nodeId: null, comment: null, detail: { retentionYears: command.retentionYears, files: removed.length }, at: at.toISOString() });
  return { caseId: row.id, caseNo: row.caseNo, version: row.version + 1, status: row.status, created: false };
}

/** The applicant leaves a waitlist: the entry is cancelled and the quota slot it held given back. */
async function leaveWaitlist(tx: Tx, command: LeaveWaitlistCommand, at: Date): Promise<TransitionResult> {
  const [entry] = await tx.select().from(waitlistEntries).where(eq(waitlistEntries.id, command.entryId)).for("update");
  if (!entry || entry.applicantId !== command.actorId) throw caseNotFound();
  if (entry.status !== "waiting") {
    throw new CaseCommandError("notWaiting", "您已不在候补名单中（可能已递补成功）", "You are no longer on the waitlist (you may have been given a place)", 409);
  }
  await tx.update(waitlistEntries).set({ status: "cancelled" }).where(eq(waitlistEntries.id, entry.id));
  await releaseCase(tx, entry.id);
  await appendAudit(tx, { tenantId: entry.tenantId, stream: `waitlist:${entry.id}`, caseId: null, actorId: command.actorId, action: "waitlist_left", nodeId: null, comment: null, detail: { poolId: entry.poolId }, at: at.toISOString() });
  return { caseId: entry.id, caseNo: "", version: 0, status: "cancelled", created: false };
}

/** A full pool with a waitlist: the validated application waits as an entry, not yet a case. */
async function enterWaitlist(tx: Tx, program: { id: string; tenantId: string }, command: StartCommand, paths: SealPaths, poolId: string, entryId: string, at: Date): Promise<TransitionResult> {
  await tx.insert(waitlistEntries).values({
    id: entryId,
    tenantId: program.tenantId,
    programId: program.id,
    programVersionId: command.programVersionId,
    poolId,
    applicantId: command.applicantId,
    applicantOrgId: command.applicantOrgId,
    data: sealCaseData(command.data, paths),
    submitKey: command.submitKey,
    consentText: command.consentText ?? "",
    status: "waiting",
    createdAt: at,
  });
  await appendAudit(tx, { tenantId: program.tenantId, stream: `waitlist:${entryId}`, caseId: null, actorId: command.applicantId, action: "waitlisted", nodeId: null, comment: null, detail: { poolId }, at: at.toISOString() });
  return { caseId: entryId, caseNo: "", version: 0, status: "waitlisted", created: true, waitlistPosition: await waitlistPosition(tx, poolId, entryId) };
}

async function findWaitlisted(db: Db, applicantId: string, submitKey: string): Promise<TransitionResult | undefined> {
  const [row] = await db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.applicantId, applicantId), eq(waitlistEntries.submitKey, submitKey)));
  if (!row) return undefined;
  if (row.caseId) return findBySubmitKey(db, applicantId, submitKey);
  return { caseId: row.id, caseNo: "", version: 0, status: row.status === "waiting" ? "waitlisted" : row.status, created: false, waitlistPosition: await waitlistPosition(db as unknown as Tx, row.poolId, row.id) };
}

/** A seat came free: the earliest waiting application of the pool becomes a case, in the same transaction. */
async function promoteWaitlist(tx: Tx, poolId: string, at: Date): Promise<void> {
  const entry = await nextWaiting(tx, poolId);
  if (!entry || !(await retakeSeat(tx, poolId))) return;
  const command: StartCommand = {
    kind: "start",
    programVersionId: entry.programVersionId,
    applicantId: entry.applicantId,
    applicantOrgId: entry.applicantOrgId,
    data: openCaseData(entry.data as Record<string, unknown>),
    submitKey: entry.submitKey,
    consentText: entry.consentText,
  };
  await createCase(tx, command, entry.id, at);
  await holdSeat(tx, entry.tenantId, poolId, entry.id, at);
  await tx.update(waitlistEntries).set({ status: "promoted", caseId: entry.id }).where(eq(waitlistEntries.id, entry.id));
  await insertNotification(tx, { tenantId: entry.tenantId, userId: entry.applicantId, caseId: entry.id, templateKey: "waitlist.promoted", params: {}, createdAt: at });
}

async function findBySubmitKey(db: Db, applicantId: string, submitKey: string): Promise<TransitionResult | undefined> {
  const [row] = await db
    .select({ id: cases.id, caseNo: cases.caseNo, version: cases.version, status: cases.status })
    .from(cases)
    .where(and(eq(cases.applicantId, applicantId), eq(cases.submitKey, submitKey)));
  return row && { caseId: row.id, caseNo: row.caseNo, version: row.version, status: row.status, created: false };
}

async function applyToCase(tx: Tx, command: EventCommand, at: Date): Promise<TransitionResult> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, command.caseId));
  if (!row) throw caseNotFound();
  if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) throw versionConflict();
  const { event } = command;

  if (TASK_EVENTS.has(event.type)) {
    const nodeId = (event as { nodeId: string }).nodeId;
    const mine = await tx
      .select({ status: tasks.status, claimedBy: tasks.claimedBy })
      .from(tasks)
      .where(and(eq(tasks.caseId, row.id), eq(tasks.nodeId, nodeId), eq(tasks.assigneeId, command.actorId ?? "")));
    const open = mine.find((t) => t.status === "open");
    if (!open) throw mine.length ? alreadyHandled() : notYourTask();
    // A pool candidate whose colleague claimed the task (also the loser of two claims at once, on its retry).
    if (open.claimedBy && open.claimedBy !== command.actorId) {
      const [holder] = await tx.select({ name: users.name }).from(users).where(eq(users.id, open.claimedBy));
      throw claimedByOther(holder?.name ?? "");
    }
  }
  if (APPLICANT_EVENTS.has(event.type) && command.actorId !== row.applicantId) throw notApplicant();

  const { program, version, definition } = await loadVersion(tx, row.programVersionId);
  const directory = await loadDirectory(tx, row.applicantId, row.applicantOrgId, program.ownerOrgId);
  const calendar = await loadWorkCalendar(tx, row.tenantId);
  // Conditions and form-field assignees read plain values; both copies are sealed again on write.
  const step = runEngine(() => applyEvent(definition, openCaseData(row.snapshot), event, { now: at.toISOString(), directory, calendar }));
  const data = event.type === "RESUBMIT" ? event.data : mergeEditedData(row.data as Record<string, unknown>, event);
  const paths = sealPathsOf(version);

  const updated = await tx
    .update(cases)
    .set({ status: step.status, snapshot: sealSnapshot(step.snapshot as object, paths), variables: step.variables ?? {}, data: sealCaseData(data, paths), version: row.version + 1, updatedAt: at })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning({ version: cases.version });
  if (updated.length === 0) throw versionConflict();
  await attachCaseFiles(tx, row.id, row.applicantId, command.fileIds);

  await writeConsequences(tx, { caseId: row.id, tenantId: row.tenantId, applicantId: row.applicantId }, step, command.actorId, event, at);
  if (RELEASING_STATUSES.has(step.status) && !RELEASING_STATUSES.has(row.status)) {
    const freedPool = await releaseCase(tx, row.id);
    await admissionHookFor(program)?.release({ tx, tenantId: row.tenantId, caseId: row.id, status: step.status, at });
    if (freedPool) await promoteWaitlist(tx, freedPool, at);
  }
  if (command.completesJobId) {
    await tx.update(jobs).set({ status: "done", finishedAt: at, lockedUntil: null }).where(eq(jobs.id, command.completesJobId));
  }
  return { caseId: row.id, caseNo: row.caseNo, version: row.version + 1, status: step.status, created: false };
}

/**
 * An approver with 可编辑 fields sends the case's whole new data with the decision, validated by
 * the form (workflows/services/approverEdits.ts): it replaces the old, so a field the edit hid is gone.
 */
function mergeEditedData(current: Record<string, unknown>, event: CaseEvent): Record<string, unknown> {
  const edits = (event as { data?: Record<string, unknown> }).data;
  return edits ?? current;
}

function runEngine(fn: () => Step): Step {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FlowRejection) throw new CaseCommandError("rejectedByFlow", err.messageZh, err.messageEn, 422);
    throw err;
  }
}

type CaseRef = { caseId: string; tenantId: string; applicantId: string };

async function writeConsequences(tx: Tx, ref: CaseRef, step: Step, actorId: string | null, event: CaseEvent | null, at: Date) {
  await syncTasks(tx, ref, step.openTasks, actorId, event, at);
  for (const effect of step.effects) await effectWriters[effect.type](tx, ref, effect as never, at);
  await appendAudit(tx, {
    tenantId: ref.tenantId,
    stream: `case:${ref.caseId}`,
    caseId: ref.caseId,
    actorId,
    action: step.audit.action,
    nodeId: step.audit.nodeId ?? null,
    comment: step.audit.comment ?? null,
    detail: { status: step.status, ...(step.audit.detail ? { detail: step.audit.detail } : {}) },
    at: at.toISOString(),
  });
}

/**
 * Task rows follow the engine's open tasks: rows no longer wanted are closed (done for the
 * actor who decided, cancelled for the others), newly wanted ones are inserted.
 */
async function syncTasks(tx: Tx, ref: CaseRef, openTasks: OpenTask[], actorId: string | null, event: CaseEvent | null, at: Date) {
  const current = await tx.select().from(tasks).where(and(eq(tasks.caseId, ref.caseId), eq(tasks.status, "open")));
  const wanted = new Map<string, OpenTask>();
  for (const t of openTasks) for (const a of t.assignees) wanted.set(`${t.nodeId}\u0000${a}`, t);
  const claimOf = (t: OpenTask, assigneeId: string) => (t.claim?.pool.includes(assigneeId) ? t.claim.by : null);
  const decidedNode = event && "nodeId" in event ? (event as { nodeId: string }).nodeId : null;
  for (const row of current) {
    const key = `${row.nodeId}\u0000${row.assigneeId}`;
    const kept = wanted.get(key);
    if (kept) {
      wanted.delete(key);
      const claimedBy = claimOf(kept, row.assigneeId);
      if ((row.claimedBy ?? null) !== claimedBy) await tx.update(tasks).set({ claimedBy }).where(eq(tasks.id, row.id));
      continue;
    }
    const decidedByActor = row.assigneeId === actorId && row.nodeId === decidedNode;
    await tx
      .update(tasks)
      .set({
        status: decidedByActor ? "done" : "cancelled",
        outcome: decidedByActor ? event!.type.toLowerCase() : null,
        comment: decidedByActor ? ((event as { comment?: string }).comment ?? null) : null,
        completedAt: at,
      })
      .where(eq(tasks.id, row.id));
  }
  for (const [key, t] of wanted) {
    const assigneeId = key.split("\u0000")[1];
    await tx.insert(tasks).values({
      id: newId(),
      tenantId: ref.tenantId,
      caseId: ref.caseId,
      nodeId: t.nodeId,
      name: t.name,
      assigneeId,
      status: "open",
      claimedBy: claimOf(t, assigneeId),
      dueAt: t.dueAt ? new Date(t.dueAt) : null,
      createdAt: at,
    });
  }
  // A 会签 vote keeps the node open for the others, so the voter's own row is closed here;
  // 抄送 and 后加签 leave the actor's task open.
  if (actorId && decidedNode && event && DECISION_EVENTS.has(event.type)) {
    await tx
      .update(tasks)
      .set({ status: "done", outcome: event.type.toLowerCase(), comment: (event as { comment?: string }).comment ?? null, completedAt: at })
      .where(and(eq(tasks.caseId, ref.caseId), eq(tasks.nodeId, decidedNode), eq(tasks.assigneeId, actorId), eq(tasks.status, "open")));
  }
}

type EffectWriter<E extends Effect> = (tx: Tx, ref: CaseRef, effect: E, at: Date) => Promise<void>;
type EffectWriters = { [K in Effect["type"]]: EffectWriter<Extract<Effect, { type: K }>> };

/** Registry of how each engine effect is persisted, inside the step's transaction. */
const effectWriters: EffectWriters = {
  scheduleJob: async (tx, ref, effect) => {
    await tx
      .insert(jobs)
      .values({
        id: newId(),
        tenantId: ref.tenantId,
        caseId: ref.caseId,
        // Engine keys are relative to the case; the case id makes them unique across cases.
        key: `${ref.caseId}:${effect.key}`,
        kind: effect.kind,
        payload: { event: effect.event ?? null, handler: effect.handler ?? null, payload: effect.payload ?? null },
        runAt: new Date(effect.runAt),
      })
      .onConflictDoNothing({ target: jobs.key });
  },
  cancelJobs: async (tx, ref, effect) => {
    await tx
      .update(jobs)
      .set({ status: "cancelled" })
      .where(and(eq(jobs.caseId, ref.caseId), like(jobs.key, `${ref.caseId}:${effect.keyPrefix}%`), eq(jobs.status, "pending")));
  },
  notify: async (tx, ref, effect, at) => {
    for (const userId of effect.userIds) {
      await insertNotification(tx, { tenantId: ref.tenantId, userId, caseId: ref.caseId, templateKey: effect.templateKey, params: effect.params ?? {}, createdAt: at });
    }
  },
  cc: async (tx, ref, effect, at) => {
    for (const userId of effect.userIds) {
      await insertNotification(tx, { tenantId: ref.tenantId, userId, caseId: ref.caseId, templateKey: "cc", params: { nodeId: effect.nodeId }, createdAt: at });
    }
  },
};
