import { assign, setup, type AnyStateMachine } from "xstate";
import { feelIsTrue } from "../forms/feel";
import { addSigner, blockedByClaim, castVote, isBeforeSigner, mayClaim, mayRelease, outcomeOf, transferVote, type NodeWork } from "./approvalVotes";
import { flowsFrom, mayReturnTo, PROCESS_REGION, resumeTargetOf, structureOf, type FlowStructure, type Region } from "./flowStructure";
import { resolveAssignees } from "./resolveAssignees";
import { addWorkingDays } from "./workingDays";
import type { ApprovalSpec, CaseEvent, EngineEnv, FlowDefinition, FlowNode } from "./types";

export type CaseContext = {
  data: Record<string, unknown>;
  variables: Record<string, unknown>;
  applicantId: string;
  /** Current visit's work per user task. */
  work: Record<string, NodeWork>;
  /** How often each node was entered; part of job keys so a revisit schedules anew. */
  visits: Record<string, number>;
  /** Everyone who approved so far, for 去重 (dedupe). */
  approvedBy: string[];
  /** Whether any approver has acted: the applicant may 撤回 only before that. */
  acted: boolean;
  /** Where 重新提交 resumes after a 退回: the node it came from, or the outermost fork around it. */
  returnedFrom: string | null;
  /** Firings of each boundary timer per visit of its activity (`boundaryId:visit`), for cycles. */
  fired?: Record<string, number>;
  /** Side-path service calls started so far; part of their job keys. */
  sideRuns?: number;
  /** The env of the step being taken; set on restore, removed before persisting. */
  env?: EngineEnv;
};

export type MachineEvent = CaseEvent & { env: EngineEnv };
export type MachineInput = { data: Record<string, unknown>; applicantId: string; env: EngineEnv };

/** Final states besides the BPMN end events. */
export const REJECTED = "rejected";
export const WITHDRAWN = "withdrawn";
export const FAILED = "failed";
export const RETURNED = "returned";

type AnyEvent = { type: string; env?: EngineEnv; input?: MachineInput } & Record<string, unknown>;

/**
 * The env rides on every event (and on the init input) so the snapshot never stores a stale
 * directory; internal events (a parallel block's done event) find it in the transient context
 * field the engine sets for the duration of one step and never persists.
 */
export function envOf(event: AnyEvent, context?: CaseContext): EngineEnv {
  const env = event.env ?? event.input?.env ?? context?.env;
  if (!env) throw new Error("engine event without env");
  return env;
}

type StateConfig = Record<string, unknown>;

/** XState targets by state id; BPMN ids may contain dots, which XState reads as paths unless escaped. */
const ref = (id: string) => `#${id.replace(/[\\.]/g, "\\$&")}`;
const REJECTED_REF = "#$rejected";
const WITHDRAWN_REF = "#$withdrawn";
const FAILED_REF = "#$failed";
const RETURNED_REF = "#$returned";
/** The final state each parallel branch reaches at its join. */
const JOINED = "$joined";

function approvalOf(def: FlowDefinition, nodeId: string): ApprovalSpec {
  const node = def.nodes[nodeId];
  if (node?.kind !== "userTask") throw new Error(`${nodeId} is not a user task`);
  return node.approval;
}

const userTaskIds = (def: FlowDefinition) => Object.values(def.nodes).filter((n) => n.kind === "userTask").map((n) => n.id);

type BoundaryNode = Extract<FlowNode, { kind: "boundary" }>;

/** What every state builder needs: the flow, its structure, and how to target a node from a region. */
type Build = {
  def: FlowDefinition;
  st: FlowStructure;
  region: Region;
  /** The target for a flow into `nodeId` from this region (a branch reaching its join ends the branch). */
  to: (nodeId: string) => string;
  next: (nodeId: string) => string;
  states: (region: Region) => Record<string, StateConfig>;
  boundaries: (nodeId: string) => BoundaryNode[];
};

type Builder<K extends FlowNode["kind"]> = (node: Extract<FlowNode, { kind: K }>, b: Build) => StateConfig;

/** Timer boundaries: interrupting ones leave the activity; non-interrupting ones start their side path and stay. */
function boundaryTimerTransitions(nodeId: string, b: Build): StateConfig[] {
  return b
    .boundaries(nodeId)
    .filter((bn) => bn.trigger.kind === "timer")
    .map((bn) => {
      const guard = { type: "boundaryTimerIs", params: { boundaryId: bn.id, attachedTo: nodeId } };
      if (bn.interrupting) return { guard, target: b.next(bn.id), actions: { type: "markTimedOut", params: { nodeId } } };
      const side = b.st.regions[`${bn.id}#side`];
      const first = side?.entry ? b.def.nodes[side.entry] : undefined;
      const start = first?.kind === "serviceTask" ? [{ type: "countSideRun" }, { type: "scheduleSide", params: { nodeId: first.id } }] : [{ type: "notifyReminder", params: { nodeId } }];
      return { guard, actions: [{ type: "countFiring", params: { boundaryId: bn.id, attachedTo: nodeId } }, ...start, { type: "scheduleBoundaryTimer", params: { boundaryId: bn.id, attachedTo: nodeId } }] };
    });
}

function boundaryTimerEntry(nodeId: string, b: Build) {
  return b
    .boundaries(nodeId)
    .filter((bn) => bn.trigger.kind === "timer")
    .map((bn) => ({ type: "scheduleBoundaryTimer", params: { boundaryId: bn.id, attachedTo: nodeId } }));
}

function boundaryTimerExit(nodeId: string, b: Build) {
  return b
    .boundaries(nodeId)
    .filter((bn) => bn.trigger.kind === "timer")
    .map((bn) => ({ type: "cancelJobs", params: { keyPrefix: `timer:${bn.id}:` } }));
}

/** One XState state per BPMN node kind (ends and boundary events are placed by `regionStates`). */
const stateBuilders: { [K in Exclude<FlowNode["kind"], "end" | "boundary">]: Builder<K> } = {
  start: (node, b) => ({ always: { target: b.next(node.id) } }),
  exclusiveGateway: (node, b) => {
    const flows = flowsFrom(b.def, node.id);
    const conditional = flows.filter((f) => f.id !== node.defaultFlowId && f.condition);
    // A merge has one outgoing flow and needs neither a condition nor a default: it passes straight through.
    const fallback = flows.find((f) => f.id === node.defaultFlowId) ?? (flows.length === 1 && !flows[0].condition ? flows[0] : undefined);
    return {
      always: [
        ...conditional.map((f) => ({ guard: { type: "feelCondition", params: { expression: f.condition } }, target: b.to(f.target) })),
        ...(fallback ? [{ target: b.to(fallback.target) }] : []),
      ],
    };
  },
  parallelGateway: (node, b) => {
    const fork = b.st.forks[node.id];
    if (!fork) return { always: { target: b.next(node.id) } };
    const regions = fork.branches.map((key, i) => {
      const r = b.st.regions[key];
      return [`$${i}`, { initial: r.entry ?? JOINED, states: { ...b.states(r), [JOINED]: { type: "final" } } }];
    });
    return { type: "parallel", states: Object.fromEntries(regions), onDone: { target: b.to(fork.join) } };
  },
  subProcess: (node, b) => {
    const inner = b.st.regions[node.id];
    return {
      initial: inner.entry,
      states: b.states(inner),
      onDone: { target: b.next(node.id) },
      entry: [{ type: "countVisit", params: { nodeId: node.id } }, ...boundaryTimerEntry(node.id, b)],
      exit: boundaryTimerExit(node.id, b),
      on: { TIMER_FIRED: boundaryTimerTransitions(node.id, b) },
    };
  },
  timer: (node, b) => ({
    entry: [{ type: "countVisit", params: { nodeId: node.id } }, { type: "scheduleTimer", params: { nodeId: node.id } }],
    exit: [{ type: "cancelJobs", params: { keyPrefix: `timer:${node.id}:` } }],
    on: { TIMER_FIRED: { guard: { type: "nodeTimerIs", params: { nodeId: node.id } }, target: b.next(node.id) } },
  }),
  serviceTask: (node, b) => {
    const errors = b.boundaries(node.id).filter((bn) => bn.trigger.kind === "error");
    // Boundaries naming the handler's error code are tried before a catch-all one.
    const ordered = [...errors].sort((x, y) => Number(x.trigger.kind === "error" && x.trigger.errorCode === null) - Number(y.trigger.kind === "error" && y.trigger.errorCode === null));
    return {
      entry: [{ type: "countVisit", params: { nodeId: node.id } }, { type: "scheduleService", params: { nodeId: node.id, handler: node.handler } }],
      on: {
        SERVICE_DONE: { guard: { type: "forNode", params: { nodeId: node.id } }, target: b.next(node.id), actions: "mergeResult" },
        SERVICE_FAILED: [
          ...ordered.map((bn) => ({
            guard: { type: "serviceErrorIs", params: { nodeId: node.id, code: bn.trigger.kind === "error" ? bn.trigger.errorCode : null } },
            target: b.next(bn.id),
            actions: { type: "recordServiceError", params: { nodeId: node.id } },
          })),
          { guard: { type: "forNode", params: { nodeId: node.id } }, target: FAILED_REF },
        ],
      },
    };
  },
  userTask: (node, b) => {
    const next = b.next(node.id);
    const p = { nodeId: node.id };
    const earlier = userTaskIds(b.def).filter((id) => mayReturnTo(b.def, b.st, node.id, id));
    return {
      entry: [{ type: "countVisit", params: p }, { type: "openWork", params: p }, { type: "notifyAssignees", params: p }, { type: "scheduleSla", params: p }, ...boundaryTimerEntry(node.id, b)],
      exit: [{ type: "cancelJobs", params: { keyPrefix: `sla:${node.id}:` } }, { type: "cancelJobs", params: { keyPrefix: `remind:${node.id}:` } }, ...boundaryTimerExit(node.id, b)],
      always: [
        { guard: { type: "nodeOutcomeIs", params: { ...p, outcome: "pass" } }, target: next },
        { guard: { type: "emptyMeansReject", params: p }, target: REJECTED_REF },
      ],
      on: {
        APPROVE: [
          { guard: { type: "voteLeadsTo", params: { ...p, outcome: "pass" } }, target: next, actions: { type: "recordVote", params: p } },
          { guard: { type: "mayDecide", params: p }, actions: { type: "recordVote", params: p } },
        ],
        REJECT: [
          { guard: { type: "voteLeadsTo", params: { ...p, outcome: "fail" } }, target: REJECTED_REF, actions: { type: "recordVote", params: p } },
          { guard: { type: "mayDecide", params: p }, actions: { type: "recordVote", params: p } },
        ],
        RETURN: [
          { guard: { type: "returnsTo", params: { ...p, to: "applicant" } }, target: RETURNED_REF, actions: { type: "markReturned", params: { ...p, resumeAt: resumeTargetOf(b.st, node.id) } } },
          ...earlier.map((to) => ({ guard: { type: "returnsTo", params: { ...p, to } }, target: ref(to), actions: { type: "markActed" } })),
        ],
        TRANSFER: {
          guard: { type: "mayTransfer", params: p },
          actions: [{ type: "transfer", params: p }, { type: "notifyUsers", params: ({ event }: { event: AnyEvent }) => ({ nodeId: node.id, userIds: [event.to] }) }],
        },
        ADD_SIGNER: {
          guard: { type: "mayAddSigner", params: p },
          actions: [{ type: "addSigner", params: p }, { type: "notifyUsers", params: ({ event }: { event: AnyEvent }) => ({ nodeId: node.id, userIds: [event.userId] }) }],
        },
        CC: { guard: { type: "mayCc", params: p }, actions: { type: "ccUsers", params: ({ event }: { event: AnyEvent }) => ({ nodeId: node.id, userIds: event.userIds }) } },
        CLAIM: { guard: { type: "mayClaim", params: p }, actions: { type: "claim", params: p } },
        RELEASE: {
          guard: { type: "mayRelease", params: p },
          // The task is back in everyone's 待办: the colleagues it was hidden from are told.
          actions: [
            { type: "release", params: p },
            { type: "notifyUsers", params: ({ context, event }: { context: CaseContext; event: AnyEvent }) => ({ nodeId: node.id, templateKey: "task.released", userIds: (context.work[node.id]?.pending ?? []).filter((u) => u !== event.by) }) },
          ],
        },
        TIMER_FIRED: [
          ...boundaryTimerTransitions(node.id, b),
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "approve" } }, target: next, actions: { type: "markTimedOut", params: p } },
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "reject" } }, target: REJECTED_REF, actions: { type: "markTimedOut", params: p } },
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "none" } }, actions: { type: "notifyOverdue", params: p } },
          { guard: { type: "reminderDue", params: p }, actions: { type: "notifyReminder", params: p } },
        ],
        WITHDRAW: { guard: "nobodyActed", target: WITHDRAWN_REF },
      },
    };
  },
};

/**
 * FlowDefinition → XState machine. Process-level nodes are top-level states (their ids are the
 * state keys, so a sequential flow's snapshot value is a node id); a parallel block is a
 * parallel state with one region per branch; an embedded sub-process is a compound state.
 * Every guard and action is named; nothing is delayed inside XState (timers are durable jobs),
 * and effects are named actions the engine turns into job, notification and cancellation effects.
 */
export function buildMachine(def: FlowDefinition): AnyStateMachine {
  const st = structureOf(def);
  const root: Record<string, StateConfig> = {};
  const boundaries = (nodeId: string) => (st.boundariesOf[nodeId] ?? []).map((id) => def.nodes[id]).filter((n): n is BoundaryNode => n?.kind === "boundary");
  const nextOf = (nodeId: string) => flowsFrom(def, nodeId)[0]?.target ?? "";
  const states = (region: Region): Record<string, StateConfig> => {
    const to = (target: string) => (region.kind === "branch" && st.forks[region.owner ?? ""]?.join === target ? JOINED : ref(target));
    const b: Build = { def, st, region, to, next: (id) => to(nextOf(id)), states, boundaries };
    const out: Record<string, StateConfig> = {};
    for (const id of region.nodes) {
      const node = def.nodes[id];
      if (!node || node.kind === "boundary") continue;
      if (node.kind === "end") {
        // A process-level or terminate end finishes the case: a top-level final state.
        if (region.kind === "process" || node.terminate) root[id] = { id, type: "final", entry: [{ type: "cancelJobs", params: { keyPrefix: "" } }], meta: { endNodeId: id } };
        else out[id] = { id, type: "final" };
        continue;
      }
      out[id] = { id, ...(stateBuilders[node.kind] as Builder<typeof node.kind>)(node as never, b) };
    }
    return out;
  };
  Object.assign(root, states(st.regions[PROCESS_REGION]));
  root[REJECTED] = { id: "$rejected", type: "final" };
  root[WITHDRAWN] = { id: "$withdrawn", type: "final" };
  root[FAILED] = { id: "$failed", type: "final" };
  const resumeTargets = [...new Set(userTaskIds(def).map((id) => resumeTargetOf(st, id)))];
  root[RETURNED] = {
    id: "$returned",
    on: { RESUBMIT: resumeTargets.map((id) => ({ guard: { type: "resumesAt", params: { nodeId: id } }, target: ref(id), actions: "takeResubmittedData" })) },
  };
  // Service tasks on the side path of a non-interrupting boundary run while the flow waits elsewhere.
  const sideServices = Object.values(def.nodes).filter((n) => n.kind === "serviceTask" && st.regions[st.regionOf[n.id] ?? ""]?.kind === "side");
  const rootOn = {
    SERVICE_DONE: sideServices.map((n) => {
      const after = def.nodes[nextOf(n.id)];
      const more = after?.kind === "serviceTask" ? [{ type: "countSideRun" }, { type: "scheduleSide", params: { nodeId: after.id } }] : [];
      return { guard: { type: "forNode", params: { nodeId: n.id } }, actions: ["mergeResult", ...more] };
    }),
  };
  type P = { nodeId: string };
  type BoundaryParams = { boundaryId: string; attachedTo: string };
  const ev = (e: unknown) => e as AnyEvent;
  return setup({
    types: {} as { context: CaseContext; input: MachineInput; events: MachineEvent },
    guards: {
      feelCondition: ({ context }, params: { expression: string }) => feelIsTrue(params.expression, { ...context.data, ...context.variables }),
      forNode: ({ event }, params: P) => (event as { nodeId?: string }).nodeId === params.nodeId,
      mayDecide: ({ context, event }, params: P) => {
        const e = ev(event);
        if (e.nodeId !== params.nodeId || !context.work[params.nodeId]?.pending.includes(String(e.by)) || blockedByClaim(context.work[params.nodeId], String(e.by))) return false;
        const spec = approvalOf(def, params.nodeId);
        const action = e.type === "REJECT" ? "reject" : e.type === "RETURN" ? "return" : "approve";
        if (!spec.actions.includes(action)) return false;
        if (spec.commentRequiredOn.includes(action) && !String(e.comment ?? "").trim()) return false;
        return !(spec.signature === "required" && action === "approve" && !e.signature);
      },
      voteLeadsTo: ({ context, event }, params: P & { outcome: "pass" | "fail" }) => {
        const e = ev(event);
        const work = context.work[params.nodeId];
        if (!work || e.nodeId !== params.nodeId || !work.pending.includes(String(e.by)) || blockedByClaim(work, String(e.by))) return false;
        const spec = approvalOf(def, params.nodeId);
        const action = e.type === "REJECT" ? "reject" : "approve";
        if (!spec.actions.includes(action)) return false;
        if (spec.commentRequiredOn.includes(action) && !String(e.comment ?? "").trim()) return false;
        if (spec.signature === "required" && !e.signature) return false;
        const after = castVote(work, spec, String(e.by), action);
        return outcomeOf(after, spec) === params.outcome;
      },
      returnsTo: ({ context, event }, params: P & { to: string }) => {
        const e = ev(event);
        const spec = approvalOf(def, params.nodeId);
        return (
          e.nodeId === params.nodeId &&
          e.to === params.to &&
          spec.actions.includes("return") &&
          Boolean(context.work[params.nodeId]?.pending.includes(String(e.by))) &&
          !blockedByClaim(context.work[params.nodeId], String(e.by)) &&
          !isBeforeSigner(context.work[params.nodeId], String(e.by)) &&
          (!spec.commentRequiredOn.includes("return") || String(e.comment ?? "").trim().length > 0)
        );
      },
      mayTransfer: ({ context, event }, params: P) => {
        const e = ev(event);
        const work = context.work[params.nodeId];
        return (
          e.nodeId === params.nodeId &&
          approvalOf(def, params.nodeId).actions.includes("transfer") &&
          Boolean(work?.pending.includes(String(e.by))) &&
          !blockedByClaim(work, String(e.by)) &&
          !isBeforeSigner(work, String(e.by)) &&
          typeof e.to === "string" &&
          e.to !== e.by &&
          e.to !== context.applicantId &&
          !work?.assignees.includes(e.to)
        );
      },
      mayAddSigner: ({ context, event }, params: P) => {
        const e = ev(event);
        const work = context.work[params.nodeId];
        const who = String(e.userId ?? "");
        return (
          e.nodeId === params.nodeId &&
          approvalOf(def, params.nodeId).actions.includes("addSigner") &&
          Boolean(work?.pending.includes(String(e.by))) &&
          !blockedByClaim(work, String(e.by)) &&
          !isBeforeSigner(work, String(e.by)) &&
          (e.position === "before" || e.position === "after") &&
          who !== "" &&
          who !== e.by &&
          who !== context.applicantId &&
          !work?.assignees.includes(who) &&
          !(work?.after ?? []).includes(who) &&
          !isBeforeSigner(work, who)
        );
      },
      mayCc: ({ context, event }, params: P) => {
        const e = ev(event);
        const ids = Array.isArray(e.userIds) ? e.userIds : [];
        return (
          e.nodeId === params.nodeId &&
          approvalOf(def, params.nodeId).actions.includes("cc") &&
          Boolean(context.work[params.nodeId]?.pending.includes(String(e.by))) &&
          !blockedByClaim(context.work[params.nodeId], String(e.by)) &&
          ids.length > 0 &&
          ids.length <= 50 &&
          ids.every((id) => typeof id === "string" && id !== "" && id !== e.by)
        );
      },
      mayClaim: ({ context, event }, params: P) => ev(event).nodeId === params.nodeId && mayClaim(context.work[params.nodeId], approvalOf(def, params.nodeId), String(ev(event).by)),
      mayRelease: ({ context, event }, params: P) => ev(event).nodeId === params.nodeId && mayRelease(context.work[params.nodeId], String(ev(event).by)),
      nodeOutcomeIs: ({ context }, params: P & { outcome: "pass" }) => {
        const work = context.work[params.nodeId];
        const spec = approvalOf(def, params.nodeId);
        if (!work) return false;
        if (work.assignees.length === 0) return spec.emptyAssignee !== "reject";
        return outcomeOf(work, spec) === params.outcome;
      },
      emptyMeansReject: ({ context }, params: P) => context.work[params.nodeId]?.assignees.length === 0 && approvalOf(def, params.nodeId).emptyAssignee === "reject",
      nobodyActed: ({ context, event }) => !context.acted && ev(event).by === context.applicantId,
      resumesAt: ({ context, event }, params: P) => context.returnedFrom === params.nodeId && ev(event).by === context.applicantId,
      slaTimeoutIs: ({ context, event }, params: P & { onTimeout: "approve" | "reject" | "none" }) =>
        ev(event).timerId === timerId("sla", params.nodeId, context) && (approvalOf(def, params.nodeId).sla?.onTimeout ?? "none") === params.onTimeout,
      reminderDue: ({ context, event }, params: P) => ev(event).timerId === timerId("remind", params.nodeId, context),
      nodeTimerIs: ({ context, event }, params: P) => ev(event).timerId === nodeTimerId(params.nodeId, context),
      boundaryTimerIs: ({ context, event }, params: BoundaryParams) => ev(event).timerId === boundaryTimerId(params.boundaryId, params.attachedTo, context),
      serviceErrorIs: ({ event }, params: P & { code: string | null }) => {
        const e = ev(event);
        return e.nodeId === params.nodeId && (params.code === null || e.code === params.code);
      },
    },
    actions: {
      countVisit: assign({ visits: ({ context }, params: P) => ({ ...context.visits, [params.nodeId]: (context.visits[params.nodeId] ?? 0) + 1 }) }),
      openWork: assign({
        work: ({ context, event }, params: P) => {
          const spec = approvalOf(def, params.nodeId);
          const env = envOf(ev(event), context);
          const assignees = resolveAssignees(spec, env.directory, context.data);
          const dueAt = spec.sla && spec.sla.workingDays > 0 ? addWorkingDays(env.now, spec.sla.workingDays, env.calendar) : undefined;
          let work: NodeWork = { assignees, pending: spec.mode === "sequential" ? assignees.slice(0, 1) : assignees, votes: {}, dueAt };
          // 去重: someone who already approved earlier in this case approves here automatically.
          if (spec.dedupe) for (const a of assignees) if (context.approvedBy.includes(a)) work = castVote(work, spec, a, "approve");
          return { ...context.work, [params.nodeId]: work };
        },
      }),
      recordVote: assign(({ context, event }, params: P) => {
        const e = ev(event);
        const spec = approvalOf(def, params.nodeId);
        const vote = e.type === "REJECT" ? "reject" : "approve";
        const work = castVote(context.work[params.nodeId], spec, String(e.by), vote);
        // An approver's edits arrive as the whole new data, already checked by the form's validator
        // against this node's 可编辑 fields (workflows/services/approverEdits.ts): the engine knows
        // the flow, not the form (sections, computed fields), so it does not filter again.
        const data = vote === "approve" && e.data ? (e.data as Record<string, unknown>) : context.data;
        return {
          work: { ...context.work, [params.nodeId]: work },
          acted: true,
          data,
          approvedBy: vote === "approve" ? [...new Set([...context.approvedBy, String(e.by)])] : context.approvedBy,
        };
      }),
      transfer: assign({
        work: ({ context, event }, params: P) => ({ ...context.work, [params.nodeId]: transferVote(context.work[params.nodeId], String(ev(event).by), String(ev(event).to)) }),
        acted: true,
      }),
      addSigner: assign({
        work: ({ context, event }, params: P) => {
          const e = ev(event);
          return { ...context.work, [params.nodeId]: addSigner(context.work[params.nodeId], String(e.by), String(e.userId), e.position as "before" | "after") };
        },
        acted: true,
      }),
      // Taking a pool's task counts as an approver acting: the applicant can no longer 撤回.
      claim: assign({
        work: ({ context, event }, params: P) => ({ ...context.work, [params.nodeId]: { ...context.work[params.nodeId], claimedBy: String(ev(event).by) } }),
        acted: true,
      }),
      release: assign({
        work: ({ context }, params: P) => {
          const { claimedBy: _released, ...work } = context.work[params.nodeId];
          return { ...context.work, [params.nodeId]: work };
        },
      }),
      markReturned: assign({ returnedFrom: (_, params: P & { resumeAt: string }) => params.resumeAt, acted: true }),
      countFiring: assign({ fired: ({ context }, params: BoundaryParams) => {
        const key = `${params.boundaryId}:${context.visits[params.attachedTo] ?? 1}`;
        return { ...context.fired, [key]: (context.fired?.[key] ?? 0) + 1 };
      } }),
      countSideRun: assign({ sideRuns: ({ context }) => (context.sideRuns ?? 0) + 1 }),
      recordServiceError: assign({ variables: ({ context, event }, params: P) => ({ ...context.variables, [`${params.nodeId}_error`]: { code: ev(event).code ?? null, message: String(ev(event).error ?? "") } }) }),
      markActed: assign({ acted: true }),
      markTimedOut: assign({ variables: ({ context }, params: P) => ({ ...context.variables, [`${params.nodeId}_timedOut`]: true }) }),
      takeResubmittedData: assign({ data: ({ event }) => (ev(event).data as Record<string, unknown>) ?? {}, returnedFrom: null }),
      mergeResult: assign({ variables: ({ context, event }) => ({ ...context.variables, ...((ev(event).result as Record<string, unknown>) ?? {}) }) }),
      // Effects: no-ops inside XState; the engine reads them off the transition's action list.
      scheduleService: () => {},
      scheduleTimer: () => {},
      scheduleBoundaryTimer: () => {},
      scheduleSide: () => {},
      scheduleSla: () => {},
      notifyAssignees: () => {},
      notifyOverdue: () => {},
      notifyReminder: () => {},
      cancelJobs: () => {},
      notifyUsers: () => {},
      ccUsers: () => {},
    },
  }).createMachine({
    id: def.processId,
    context: ({ input }) => ({
      env: input.env,
      data: input.data,
      variables: {},
      applicantId: input.applicantId,
      work: {},
      visits: {},
      approvedBy: [],
      acted: false,
      returnedFrom: null,
      fired: {},
      sideRuns: 0,
    }),
    initial: def.startNodeId,
    on: rootOn as never,
    states: root as never,
  }) as unknown as AnyStateMachine;
}

/** Timer ids name the node's visit, so a timer left over from an earlier visit matches nothing. */
export function timerId(kind: "sla" | "remind", nodeId: string, context: CaseContext): string {
  return `${kind}:${nodeId}:${context.visits[nodeId] ?? 1}`;
}

/** An intermediate timer's id for the current visit of its node. */
export function nodeTimerId(nodeId: string, context: CaseContext): string {
  return `timer:${nodeId}:${context.visits[nodeId] ?? 1}`;
}

/** A boundary timer's next firing in the current visit of the activity it is attached to (cycles count on). */
export function boundaryTimerId(boundaryId: string, attachedTo: string, context: CaseContext): string {
  const visit = context.visits[attachedTo] ?? 1;
  const fired = context.fired?.[`${boundaryId}:${visit}`] ?? 0;
  return `timer:${boundaryId}:${visit}${fired ? `.${fired}` : ""}`;
}

/** How often a boundary timer has fired in the current visit of its activity. */
export function firingsOf(boundaryId: string, attachedTo: string, context: CaseContext): number {
  return context.fired?.[`${boundaryId}:${context.visits[attachedTo] ?? 1}`] ?? 0;
}

