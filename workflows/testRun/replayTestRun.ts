import { z } from "zod";
import { feelIsTrue } from "../../forms/feel";
import { applyEvent, startCase } from "../engine";
import { lintFlow, type FlowProblem } from "../lint/lintFlow";
import { FlowRejection, type CaseEvent, type CaseStatus, type Effect, type EngineEnv, type FlowDefinition, type Localized, type OpenTask, type Step, type StepAudit } from "../types";
import { SAMPLE_APPLICANT, sampleDirectory, samplePeople, type SamplePerson } from "./sampleDirectory";

const id = z.string().min(1).max(200);
const text = z.string().max(2000);
const data = z.record(z.string(), z.unknown());

/** The events an admin can send in a test run (the same ones the runtime takes). */
export const testRunEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("APPROVE"), nodeId: id, by: id, comment: text.optional(), signature: text.optional(), data: data.optional() }),
  z.object({ type: z.literal("REJECT"), nodeId: id, by: id, comment: text, signature: text.optional() }),
  z.object({ type: z.literal("RETURN"), nodeId: id, by: id, comment: text, to: id }),
  z.object({ type: z.literal("RESUBMIT"), by: id, data }),
  z.object({ type: z.literal("WITHDRAW"), by: id }),
  z.object({ type: z.literal("TRANSFER"), nodeId: id, by: id, to: id, comment: text.optional() }),
  z.object({ type: z.literal("ADD_SIGNER"), nodeId: id, by: id, userId: id, position: z.enum(["before", "after"]), comment: text.optional() }),
  z.object({ type: z.literal("CC"), nodeId: id, by: id, userIds: z.array(id).max(50), comment: text.optional() }),
  z.object({ type: z.literal("TIMER_FIRED"), timerId: id }),
  z.object({ type: z.literal("SERVICE_DONE"), nodeId: id, result: data }),
  z.object({ type: z.literal("SERVICE_FAILED"), nodeId: id, error: text, code: z.string().max(200).optional() }),
]);

export const testRunInputSchema = z.object({
  xml: z.string().max(5_000_000),
  data: data.default({}),
  events: z.array(testRunEventSchema).max(500).default([]),
});

export type TestRunInput = z.input<typeof testRunInputSchema>;

/** A job the runtime would have queued (a service call, an SLA timer), held in memory. */
export type PendingJob = { key: string; kind: "timer" | "service"; runAt: string; nodeId: string; handler?: string; event?: CaseEvent };

/** One state the case passed through: after the submission (index 0) and after each event. */
export type TestRunStep = {
  index: number;
  at: string;
  event: CaseEvent | null;
  audit: StepAudit;
  status: CaseStatus;
  /** Nodes where the case now waits (or the end it reached). */
  active: string[];
  openTasks: OpenTask[];
  pendingJobs: PendingJob[];
  notifications: { userIds: string[]; templateKey: string }[];
  /** Nodes and sequence flows taken in this step, for colouring the diagram. */
  nodes: string[];
  flows: string[];
};

/** Something the admin can do next, ready to send back as the next event. */
export type NextAction = { label: Localized; actor: string | null; nodeId: string | null; event: CaseEvent };

export type TestRunResult =
  | { ok: false; problems: FlowProblem[] }
  | {
      ok: true;
      steps: TestRunStep[];
      /** The event after the last step that the flow refused, with the reason. */
      refusal: { index: number; code: string; message: Localized } | null;
      people: SamplePerson[];
      next: NextAction[];
    };

const START_AT = Date.parse("2026-03-02T01:00:00.000Z"); // a Monday, 09:00 in Beijing
const STEP_MS = 3_600_000;

type Persisted = { value?: unknown; context?: { visits?: Record<string, number>; data?: Record<string, unknown>; variables?: Record<string, unknown>; acted?: boolean; applicantId?: string } };

/** The leaf node ids of a snapshot value: a string, or nested sub-process and parallel-region states. */
function activeOf(def: FlowDefinition, value: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === "string") {
      if (def.nodes[v]) found.push(v);
    } else if (v && typeof v === "object") {
      for (const child of Object.values(v)) visit(child);
    }
  };
  visit(value);
  return [...new Set(found)];
}

const passThrough = new Set(["start", "exclusiveGateway", "parallelGateway", "subProcess", "boundary"]);

type Edge = { flow: string | null; target: string };

/**
 * The flows a step took from where the case was to where it is now. The machine does not
 * report microsteps, so this follows the diagram through nodes that do not wait (gateways,
 * sub-process entry and exit, boundary events, nodes entered during this step), choosing at an
 * exclusive gateway the branch the engine chooses (first true condition, else the default).
 */
function pathOf(def: FlowDefinition, from: string[], to: string[], entered: Set<string>, vars: Record<string, unknown>): { nodes: string[]; flows: string[] } {
  const nodesOf = Object.values(def.nodes);
  const targets = new Set(to);
  const nodes = new Set<string>();
  const flows = new Set<string>();
  const outgoing = (nodeId: string): Edge[] => {
    const node = def.nodes[nodeId];
    let real = def.flows.filter((f) => f.source === nodeId);
    if (node?.kind === "exclusiveGateway") {
      const taken = real.find((f) => f.id !== node.defaultFlowId && f.condition && feelIsTrue(f.condition, vars)) ?? real.find((f) => f.id === node.defaultFlowId);
      real = taken ? [taken] : [];
    }
    // An inner end hands over to the sub-process's own outgoing flows.
    if (node?.kind === "end" && node.parent && !node.terminate) real = def.flows.filter((f) => f.source === node.parent);
    const edges: Edge[] = real.map((f) => ({ flow: f.id, target: f.target }));
    if (node?.kind === "subProcess") for (const n of nodesOf) if (n.parent === nodeId && n.kind === "start") edges.push({ flow: null, target: n.id });
    for (const n of nodesOf) if (n.kind === "boundary" && n.attachedTo === nodeId) edges.push({ flow: null, target: n.id });
    return edges;
  };
  const through = (id: string) => {
    const node = def.nodes[id];
    return passThrough.has(node?.kind ?? "") || entered.has(id) || (node?.kind === "end" && Boolean(node.parent) && !node.terminate);
  };
  for (const source of from) {
    // Breadth-first from each source; remember how each node was reached to draw the path.
    const via = new Map<string, { flow: string | null; prev: string } | null>([[source, null]]);
    const queue = [source];
    while (queue.length) {
      const at = queue.shift()!;
      if (at !== source && (targets.has(at) || !through(at))) continue;
      for (const e of outgoing(at)) {
        if (via.has(e.target)) continue;
        via.set(e.target, { flow: e.flow, prev: at });
        queue.push(e.target);
      }
    }
    let reached = false;
    for (const target of to) {
      if (!via.has(target) || target === source) continue;
      reached = true;
      const back: { flow: string | null; node: string }[] = [];
      for (let at: string = target, link = via.get(at); link; at = link.prev, link = via.get(at)) back.push({ flow: link.flow, node: link.prev });
      for (const { flow, node } of back.reverse()) {
        nodes.add(node);
        if (flow) flows.add(flow);
      }
    }
    // A parallel branch that finished waits at its join: draw the flow into the join.
    if (!reached && !targets.has(source)) {
      for (const e of outgoing(source)) {
        if (def.nodes[e.target]?.kind !== "parallelGateway") continue;
        nodes.add(source);
        nodes.add(e.target);
        if (e.flow) flows.add(e.flow);
      }
    }
  }
  for (const t of to) nodes.add(t);
  return { nodes: [...nodes], flows: [...flows] };
}

function applyJobs(jobs: Map<string, PendingJob>, effects: Effect[]) {
  for (const e of effects) {
    if (e.type === "cancelJobs") for (const key of [...jobs.keys()]) if (key.startsWith(e.keyPrefix)) jobs.delete(key);
  }
  for (const e of effects) {
    if (e.type !== "scheduleJob") continue;
    const nodeId = String(e.payload?.nodeId ?? e.key.split(":")[1] ?? "");
    jobs.set(e.key, { key: e.key, kind: e.kind, runAt: e.runAt, nodeId, handler: e.handler, event: e.event });
  }
}

function consumeJob(jobs: Map<string, PendingJob>, event: CaseEvent) {
  if (event.type === "TIMER_FIRED") jobs.delete(event.timerId);
  if (event.type === "SERVICE_DONE" || event.type === "SERVICE_FAILED") for (const [key, job] of jobs) if (job.kind === "service" && job.nodeId === event.nodeId) jobs.delete(key);
}

const nameOf = (who: string, locale: "zh" | "en") => samplePeople.find((p) => p.id === who)?.name[locale] ?? who;

const L = (zh: string, en: string): Localized => ({ zh, en });

/** Candidate next events for the state the case is in; only those the engine accepts are offered. */
function candidates(def: FlowDefinition, step: TestRunStep, persisted: Persisted): NextAction[] {
  const out: NextAction[] = [];
  const applicant = persisted.context?.applicantId ?? SAMPLE_APPLICANT;
  const others = (exclude: string[]) => samplePeople.find((p) => p.id !== applicant && !exclude.includes(p.id))?.id;
  const userTasks = Object.values(def.nodes).filter((n) => n.kind === "userTask");
  for (const task of step.openTasks) {
    for (const by of task.assignees) {
      const who = L(nameOf(by, "zh"), nameOf(by, "en"));
      const act = (zh: string, en: string, event: CaseEvent) => out.push({ label: L(`${who.zh}：${zh}`, `${who.en}: ${en}`), actor: by, nodeId: task.nodeId, event });
      act("同意", "Approve", { type: "APPROVE", nodeId: task.nodeId, by, comment: "试运行：同意", signature: "sample-signature" });
      act("拒绝", "Reject", { type: "REJECT", nodeId: task.nodeId, by, comment: "试运行：拒绝" });
      act("退回申请人", "Return to applicant", { type: "RETURN", nodeId: task.nodeId, by, comment: "试运行：请补正", to: "applicant" });
      for (const earlier of userTasks) {
        if (earlier.id !== task.nodeId) act(`退回到「${earlier.name}」`, `Return to "${earlier.name}"`, { type: "RETURN", nodeId: task.nodeId, by, comment: "试运行：退回", to: earlier.id });
      }
      const other = others([by, ...task.assignees]);
      if (other) {
        act(`转办给${nameOf(other, "zh")}`, `Transfer to ${nameOf(other, "en")}`, { type: "TRANSFER", nodeId: task.nodeId, by, to: other });
        act(`加签（前）${nameOf(other, "zh")}`, `Add signer before: ${nameOf(other, "en")}`, { type: "ADD_SIGNER", nodeId: task.nodeId, by, userId: other, position: "before" });
        act(`加签（后）${nameOf(other, "zh")}`, `Add signer after: ${nameOf(other, "en")}`, { type: "ADD_SIGNER", nodeId: task.nodeId, by, userId: other, position: "after" });
        act(`抄送${nameOf(other, "zh")}`, `CC ${nameOf(other, "en")}`, { type: "CC", nodeId: task.nodeId, by, userIds: [other] });
      }
    }
  }
  for (const job of step.pendingJobs) {
    const name = def.nodes[job.nodeId]?.name || job.nodeId;
    if (job.kind === "service") {
      out.push({ label: L(`模拟「${name}」处理成功`, `Simulate "${name}" succeeding`), actor: null, nodeId: job.nodeId, event: { type: "SERVICE_DONE", nodeId: job.nodeId, result: {} } });
      out.push({ label: L(`模拟「${name}」处理失败`, `Simulate "${name}" failing`), actor: null, nodeId: job.nodeId, event: { type: "SERVICE_FAILED", nodeId: job.nodeId, error: "试运行：模拟失败" } });
    } else if (job.event) {
      const kind = job.key.split(":")[0];
      out.push({
        label:
          kind === "remind"
            ? L(`模拟「${name}」催办时间到`, `Simulate the reminder of "${name}"`)
            : kind === "sla"
              ? L(`模拟「${name}」超时`, `Simulate "${name}" timing out`)
              : L(`模拟「${name}」时间到`, `Simulate the timer "${name}" firing`),
        actor: null,
        nodeId: job.nodeId,
        event: job.event,
      });
    }
  }
  if (step.status === "returned") {
    out.push({ label: L("样例申请人：重新提交", "Sample applicant: resubmit"), actor: applicant, nodeId: null, event: { type: "RESUBMIT", by: applicant, data: persisted.context?.data ?? {} } });
  }
  if (step.status === "running") out.push({ label: L("样例申请人：撤回申请", "Sample applicant: withdraw"), actor: applicant, nodeId: null, event: { type: "WITHDRAW", by: applicant } });
  return out;
}

function isAccepted(def: FlowDefinition, persisted: unknown, event: CaseEvent, env: EngineEnv): boolean {
  try {
    applyEvent(def, persisted, event, env);
    return true;
  } catch {
    return false;
  }
}

function recordStep(def: FlowDefinition, index: number, at: string, event: CaseEvent | null, step: Step, before: { active: string[]; visits: Record<string, number> }, jobs: Map<string, PendingJob>): TestRunStep {
  const p = step.snapshot as Persisted;
  const active = activeOf(def, p.value);
  const visits = p.context?.visits ?? {};
  const entered = new Set(Object.keys(visits).filter((k) => (visits[k] ?? 0) > (before.visits[k] ?? 0)));
  const vars = { ...(p.context?.data ?? {}), ...(p.context?.variables ?? {}) };
  const moved = event?.type === "RETURN" || event?.type === "RESUBMIT" ? { nodes: active, flows: [] } : pathOf(def, before.active, active, entered, vars);
  return {
    index,
    at,
    event,
    audit: step.audit,
    status: step.status,
    active,
    openTasks: step.openTasks,
    pendingJobs: [...jobs.values()],
    notifications: step.effects.flatMap((e) => (e.type === "notify" ? [{ userIds: e.userIds, templateKey: e.templateKey }] : e.type === "cc" ? [{ userIds: e.userIds, templateKey: "cc" }] : [])),
    nodes: moved.nodes,
    flows: moved.flows,
  };
}

/**
 * A test run: compile the draft's XML, submit `data` as the sample applicant against an invented
 * org chain, then replay the admin's events one by one with the pure engine. Nothing is written
 * anywhere: the same input always gives the same run (time is simulated, one hour per step).
 * Stops at the first event the flow refuses and says why. Never throws on bad input.
 */
export async function replayTestRun(input: unknown): Promise<TestRunResult> {
  const parsed = testRunInputSchema.safeParse(input);
  if (!parsed.success) {
    const problem: FlowProblem = { key: "input", severity: "error", source: "niangjia", code: "testRun.input", elementId: "", elementType: "", name: "", message: L("试运行数据格式不正确", "The test-run input is malformed"), hint: L("刷新页面后重试", "Reload the page and try again") };
    return { ok: false, problems: [problem] };
  }
  const { xml, data, events } = parsed.data;
  const lint = await lintFlow(xml);
  const def = lint.definition;
  if (!def) return { ok: false, problems: lint.problems.filter((p) => p.severity === "error") };

  const directory = sampleDirectory();
  let now = START_AT;
  const envAt = (t: number): EngineEnv => ({ now: new Date(t).toISOString(), directory });
  const jobs = new Map<string, PendingJob>();
  const steps: TestRunStep[] = [];
  let refusal: { index: number; code: string; message: Localized } | null = null;

  let step: Step;
  try {
    step = startCase(def, { data, applicantId: SAMPLE_APPLICANT }, envAt(now));
  } catch (err) {
    const message = err instanceof FlowRejection ? L(err.messageZh, err.messageEn) : L(`流程无法启动：${(err as Error).message}`, `The flow cannot start: ${(err as Error).message}`);
    return { ok: false, problems: [{ key: "start", severity: "error", source: "niangjia", code: "testRun.start", elementId: "", elementType: "", name: "", message, hint: L("检查流程和样例数据", "Check the flow and the sample data") }] };
  }
  applyJobs(jobs, step.effects);
  steps.push(recordStep(def, 0, envAt(now).now, null, step, { active: [def.startNodeId], visits: {} }, jobs));

  for (let i = 0; i < events.length; i++) {
    const event = events[i] as CaseEvent;
    const job = event.type === "TIMER_FIRED" ? jobs.get(event.timerId) : undefined;
    now = Math.max(now + STEP_MS, job ? Date.parse(job.runAt) : 0);
    const before = step.snapshot as Persisted;
    try {
      step = applyEvent(def, step.snapshot, event, envAt(now));
    } catch (err) {
      refusal = err instanceof FlowRejection ? { index: i, code: err.code, message: L(err.messageZh, err.messageEn) } : { index: i, code: "engineError", message: L(`引擎出错：${(err as Error).message}`, `Engine error: ${(err as Error).message}`) };
      break;
    }
    consumeJob(jobs, event);
    applyJobs(jobs, step.effects);
    steps.push(recordStep(def, i + 1, envAt(now).now, event, step, { active: activeOf(def, before.value), visits: before.context?.visits ?? {} }, jobs));
  }

  const last = steps[steps.length - 1];
  const nextEnv = envAt(now + STEP_MS);
  const next = last.status === "running" || last.status === "returned" ? candidates(def, last, step.snapshot as Persisted).filter((a) => isAccepted(def, step.snapshot, a.event, nextEnv)) : [];
  return { ok: true, steps, refusal, people: samplePeople, next };
}
