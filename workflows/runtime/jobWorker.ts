import { and, eq, sql } from "drizzle-orm";
import { recordIncident, resolveIncidents } from "../../db/incidents";
import type { Db } from "../../db/client";
import { jobs, cases, incidents, programs } from "../../db/schema";
import { rowsOf } from "../../db/rows";
import { getServiceHandler } from "../serviceHandlers";
import type { CaseEvent } from "../types";
import { transitionCase } from "./transitionCase";
import { CaseCommandError } from "./errors";
import { deliverNotification, insertNotification } from "./notificationOutbox";
import { openCaseData } from "../../db/caseData";

type JobRow = { id: string; tenant_id: string; case_id: string | null; key: string; kind: string; payload: JobPayload; attempts: number; max_attempts: number };
type JobPayload = { event?: CaseEvent | null; handler?: string | null; payload?: unknown; nodeId?: string };
/** Which failures of a service task the flow catches with an error boundary (set by the engine). */
type CaughtErrors = { codes: string[]; catchAll: boolean };

/** A service handler threw (as opposed to the case step after it); `code` is the error code it named, if any. */
class HandlerFailure extends Error {
  constructor(
    readonly original: unknown,
    readonly code: string | undefined,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

const LEASE_SECONDS = 60;

/**
 * Claim due jobs with SKIP LOCKED so several app processes can share the queue; a lease
 * lets another process take over a job whose worker died mid-run.
 */
export async function claimDueJobs(db: Db, limit = 10): Promise<JobRow[]> {
  const res = await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    where id in (
      select id from jobs
      where (status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now())
      order by run_at limit ${limit}
      for update skip locked)
    returning id, tenant_id, case_id, key, kind, payload, attempts, max_attempts`);
  return rowsOf<JobRow>(res);
}

/** Jobs that do not step a case (deliveries): run, then marked done here; retried like the rest. */
const standaloneJobs: Record<string, (db: Db, payload: Record<string, unknown>) => Promise<unknown>> = {
  notify: (db, payload) => deliverNotification(db, payload),
};

async function runStandaloneJob(db: Db, job: JobRow, run: (db: Db, payload: Record<string, unknown>) => Promise<unknown>): Promise<void> {
  try {
    await run(db, job.payload as Record<string, unknown>);
    await db.update(jobs).set({ status: "done", lockedUntil: null, finishedAt: new Date() }).where(eq(jobs.id, job.id));
  } catch (err) {
    await retryOrFail(db, job, err instanceof Error ? err.message : String(err), job.attempts >= job.max_attempts);
  }
}

async function retryOrFail(db: Db, job: JobRow, message: string, final: boolean): Promise<void> {
  const backoffSeconds = 2 ** Math.min(job.attempts, 10);
  await db
    .update(jobs)
    .set(
      final
        ? { status: "failed", lastError: message, lockedUntil: null, finishedAt: new Date() }
        : { status: "pending", lastError: message, lockedUntil: null, runAt: new Date(Date.now() + backoffSeconds * 1000) },
    )
    .where(eq(jobs.id, job.id));
  // Out of attempts: an incident the district's admins see on their dashboard and may retry;
  // the applicant is told staff are on it (once: a retried job that fails again is the same incident).
  if (final && job.case_id) {
    const [c] = await db.select({ applicantId: cases.applicantId }).from(cases).where(eq(cases.id, job.case_id));
    const [open] = await db.select({ id: incidents.id }).from(incidents).where(and(eq(incidents.source, "job"), eq(incidents.subject, job.id)));
    if (c && !open) await insertNotification(db, { tenantId: job.tenant_id, userId: c.applicantId, caseId: job.case_id, templateKey: "case.failed", params: {}, createdAt: new Date() });
    await recordIncident(db, {
      tenantId: job.tenant_id,
      source: "job",
      subject: job.id,
      code: job.kind,
      message: message.slice(0, 2000),
      detail: { caseId: job.case_id, jobKey: job.key, nodeId: nodeIdOf(job), handler: job.payload.handler ?? null, attempts: job.attempts },
    });
  }
}

/** 重试: a failed job runs again from its first attempt (the worker picks it up at once); its incident closes. */
export async function retryFailedJob(db: Db, jobId: string): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ status: "pending", attempts: 0, runAt: new Date(), lockedUntil: null, finishedAt: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "failed")))
    .returning({ id: jobs.id });
  await resolveIncidents(db, "job", jobId);
  return updated.length > 0;
}

/** Run one claimed job; the case step and the job's completion commit together. */
export async function runJob(db: Db, job: JobRow): Promise<void> {
  const standalone = standaloneJobs[job.kind];
  if (standalone) return runStandaloneJob(db, job, standalone);
  try {
    if (!job.case_id) throw new Error("job without case");
    const event = job.kind === "service" ? await callService(db, job) : job.payload.event;
    if (!event) throw new Error(`job ${job.key} has no event`);
    await transitionCase(db, { kind: "event", caseId: job.case_id, event, actorId: null, completesJobId: job.id });
  } catch (err) {
    const message = err instanceof CaseCommandError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    if (err instanceof HandlerFailure && (await handToErrorBoundary(db, job, err))) return;
    // A timer the flow no longer wants (the task was decided first) is simply obsolete.
    if (job.kind === "timer" && err instanceof CaseCommandError && err.code === "rejectedByFlow") {
      await db.update(jobs).set({ status: "cancelled", lastError: message, lockedUntil: null, finishedAt: new Date() }).where(eq(jobs.id, job.id));
      return;
    }
    // A step the flow refuses (the case moved on, e.g. withdrawn) will not succeed on retry.
    const final = job.attempts >= job.max_attempts || (err instanceof CaseCommandError && err.code !== "conflict");
    await retryOrFail(db, job, message, final);
  }
}

/**
 * A failed call goes to the node's error boundary instead of becoming an incident: at once when
 * the handler named an error code a boundary catches, after the last retry when one catches all.
 */
async function handToErrorBoundary(db: Db, job: JobRow, failure: HandlerFailure): Promise<boolean> {
  const caught = (job.payload.payload as { errorBoundaries?: CaughtErrors } | null | undefined)?.errorBoundaries;
  if (!caught || !job.case_id) return false;
  const named = failure.code !== undefined && caught.codes.includes(failure.code);
  if (!named && !(caught.catchAll && job.attempts >= job.max_attempts)) return false;
  try {
    const event: CaseEvent = { type: "SERVICE_FAILED", nodeId: nodeIdOf(job), error: failure.message.slice(0, 2000), ...(failure.code !== undefined ? { code: failure.code } : {}) };
    await transitionCase(db, { kind: "event", caseId: job.case_id, event, actorId: null, completesJobId: job.id });
    return true;
  } catch {
    return false;
  }
}

/** The error code a handler put on what it threw (`code`, a string), if any. */
function errorCodeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code !== "" ? code : undefined;
}

async function callService(db: Db, job: JobRow): Promise<CaseEvent> {
  const handlerId = job.payload.handler ?? "";
  const handler = getServiceHandler(handlerId);
  if (!handler) throw new Error(`未注册的服务任务处理器 / no service handler "${handlerId}"`);
  const [c] = await db.select().from(cases).where(eq(cases.id, job.case_id!));
  if (!c) throw new Error("case not found");
  const [program] = await db.select({ code: programs.code }).from(programs).where(eq(programs.id, c.programId));
  const nodeId = nodeIdOf(job);
  const result = await runHandler(() => handler({
    db,
    tenantId: c.tenantId,
    caseId: c.id,
    programCode: program?.code ?? "",
    applicantId: c.applicantId,
    nodeId,
    jobKey: job.key,
    // Handlers (a payout to the bank card) get the plain values.
    data: openCaseData(c.data as Record<string, unknown>),
    variables: c.variables as Record<string, unknown>,
    payload: job.payload.payload,
  }));
  return { type: "SERVICE_DONE", nodeId, result } as CaseEvent;
}

async function runHandler<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new HandlerFailure(err, errorCodeOf(err));
  }
}

function nodeIdOf(job: JobRow): string {
  const p = job.payload.payload as { nodeId?: string } | null | undefined;
  return p?.nodeId ?? job.payload.nodeId ?? job.key.split(":").at(-2) ?? "";
}

/** Process every due job now (tests and the CLI); returns how many ran. */
export async function drainJobs(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await claimDueJobs(db);
    if (batch.length === 0) return total;
    for (const job of batch) await runJob(db, job);
    total += batch.length;
  }
}

/** Poll for due jobs in the background of an app process. */
export function startJobWorker(db: Db, intervalMs = 1000) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => drainJobs(db)).catch((err) => console.error("job worker:", err));
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
