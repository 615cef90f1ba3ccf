import { assign, setup, type AnyStateMachine } from "xstate";
import { feelIsTrue } from "../forms/feel";
import { addSigner, castVote, isBeforeSigner, outcomeOf, transferVote, type NodeWork } from "./approvalVotes";
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
  /** The user task a 退回 came from; 重新提交 resumes there. */
  returnedFrom: string | null;
};

export type MachineEvent = CaseEvent & { env: EngineEnv };
export type MachineInput = { data: Record<string, unknown>; applicantId: string; env: EngineEnv };

/** Final states besides the BPMN end events. */
export const REJECTED = "rejected";
export const WITHDRAWN = "withdrawn";
export const FAILED = "failed";
export const RETURNED = "returned";

type AnyEvent = { type: string; env?: EngineEnv; input?: MachineInput } & Record<string, unknown>;

/** The env rides on every event (and on the init input) so the snapshot never stores a stale directory. */
export function envOf(event: AnyEvent): EngineEnv {
  const env = event.env ?? event.input?.env;
  if (!env) throw new Error("engine event without env");
  return env;
}

type StateConfig = Record<string, unknown>;
type Builder<K extends FlowNode["kind"]> = (node: Extract<FlowNode, { kind: K }>, def: FlowDefinition) => StateConfig;

function outgoing(def: FlowDefinition, nodeId: string) {
  return def.flows.filter((f) => f.source === nodeId);
}

function nextTarget(def: FlowDefinition, nodeId: string): string {
  const [flow] = outgoing(def, nodeId);
  return flow.target;
}

function approvalOf(def: FlowDefinition, nodeId: string): ApprovalSpec {
  const node = def.nodes[nodeId];
  if (node?.kind !== "userTask") throw new Error(`${nodeId} is not a user task`);
  return node.approval;
}

const userTaskIds = (def: FlowDefinition) => Object.values(def.nodes).filter((n) => n.kind === "userTask").map((n) => n.id);

/** One XState state per BPMN node kind. */
const stateBuilders: { [K in FlowNode["kind"]]: Builder<K> } = {
  start: (node, def) => ({ always: { target: nextTarget(def, node.id) } }),
  end: (node) => ({ type: "final", entry: [{ type: "cancelJobs", params: { keyPrefix: "" } }], meta: { endNodeId: node.id } }),
  exclusiveGateway: (node, def) => {
    const flows = outgoing(def, node.id);
    const conditional = flows.filter((f) => f.id !== node.defaultFlowId && f.condition);
    const fallback = flows.find((f) => f.id === node.defaultFlowId);
    return {
      always: [
        ...conditional.map((f) => ({ guard: { type: "feelCondition", params: { expression: f.condition } }, target: f.target })),
        ...(fallback ? [{ target: fallback.target }] : []),
      ],
    };
  },
  serviceTask: (node, def) => ({
    entry: [{ type: "countVisit", params: { nodeId: node.id } }, { type: "scheduleService", params: { nodeId: node.id, handler: node.handler } }],
    on: {
      SERVICE_DONE: { guard: { type: "forNode", params: { nodeId: node.id } }, target: nextTarget(def, node.id), actions: "mergeResult" },
      SERVICE_FAILED: { guard: { type: "forNode", params: { nodeId: node.id } }, target: FAILED },
    },
  }),
  userTask: (node, def) => {
    const next = nextTarget(def, node.id);
    const p = { nodeId: node.id };
    const earlier = userTaskIds(def).filter((id) => id !== node.id);
    return {
      entry: [{ type: "countVisit", params: p }, { type: "openWork", params: p }, { type: "notifyAssignees", params: p }, { type: "scheduleSla", params: p }],
      exit: [{ type: "cancelJobs", params: { keyPrefix: `sla:${node.id}:` } }, { type: "cancelJobs", params: { keyPrefix: `remind:${node.id}:` } }],
      always: [
        { guard: { type: "nodeOutcomeIs", params: { ...p, outcome: "pass" } }, target: next },
        { guard: { type: "emptyMeansReject", params: p }, target: REJECTED },
      ],
      on: {
        APPROVE: [
          { guard: { type: "voteLeadsTo", params: { ...p, outcome: "pass" } }, target: next, actions: { type: "recordVote", params: p } },
          { guard: { type: "mayDecide", params: p }, actions: { type: "recordVote", params: p } },
        ],
        REJECT: [
          { guard: { type: "voteLeadsTo", params: { ...p, outcome: "fail" } }, target: REJECTED, actions: { type: "recordVote", params: p } },
          { guard: { type: "mayDecide", params: p }, actions: { type: "recordVote", params: p } },
        ],
        RETURN: [
          { guard: { type: "returnsTo", params: { ...p, to: "applicant" } }, target: RETURNED, actions: { type: "markReturned", params: p } },
          ...earlier.map((to) => ({ guard: { type: "returnsTo", params: { ...p, to } }, target: to, actions: { type: "markActed" } })),
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
        TIMER_FIRED: [
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "approve" } }, target: next, actions: { type: "markTimedOut", params: p } },
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "reject" } }, target: REJECTED, actions: { type: "markTimedOut", params: p } },
          { guard: { type: "slaTimeoutIs", params: { ...p, onTimeout: "none" } }, actions: { type: "notifyOverdue", params: p } },
          { guard: { type: "reminderDue", params: p }, actions: { type: "notifyReminder", params: p } },
        ],
        WITHDRAW: { guard: "nobodyActed", target: WITHDRAWN },
      },
    };
  },
};

/**
 * FlowDefinition → XState machine. Every guard and action is named; nothing is delayed
 * inside XState (timers are durable jobs), and effects are named actions the engine
 * turns into job, notification and cancellation effects.
 */
export function buildMachine(def: FlowDefinition): AnyStateMachine {
  const states: Record<string, StateConfig> = {};
  for (const node of Object.values(def.nodes)) {
    states[node.id] = (stateBuilders[node.kind] as Builder<typeof node.kind>)(node as never, def);
  }
  states[REJECTED] = { type: "final" };
  states[WITHDRAWN] = { type: "final" };
  states[FAILED] = { type: "final" };
  states[RETURNED] = {
    on: {
      RESUBMIT: userTaskIds(def).map((id) => ({ guard: { type: "resumesAt", params: { nodeId: id } }, target: id, actions: "takeResubmittedData" })),
    },
  };

  type P = { nodeId: string };
  const ev = (e: unknown) => e as AnyEvent;
  return setup({
    types: {} as { context: CaseContext; input: MachineInput; events: MachineEvent },
    guards: {
      feelCondition: ({ context }, params: { expression: string }) => feelIsTrue(params.expression, { ...context.data, ...context.variables }),
      forNode: ({ event }, params: P) => (event as { nodeId?: string }).nodeId === params.nodeId,
      mayDecide: ({ context, event }, params: P) => {
        const e = ev(event);
        if (e.nodeId !== params.nodeId || !context.work[params.nodeId]?.pending.includes(String(e.by))) return false;
        const spec = approvalOf(def, params.nodeId);
        const action = e.type === "REJECT" ? "reject" : e.type === "RETURN" ? "return" : "approve";
        if (!spec.actions.includes(action)) return false;
        if ((action === "reject" || action === "return") && spec.commentRequiredOn.includes(action) && !String(e.comment ?? "").trim()) return false;
        return !(spec.signature === "required" && action === "approve" && !e.signature);
      },
      voteLeadsTo: ({ context, event }, params: P & { outcome: "pass" | "fail" }) => {
        const e = ev(event);
        const work = context.work[params.nodeId];
        if (!work || e.nodeId !== params.nodeId || !work.pending.includes(String(e.by))) return false;
        const spec = approvalOf(def, params.nodeId);
        const action = e.type === "REJECT" ? "reject" : "approve";
        if (!spec.actions.includes(action)) return false;
        if (action === "reject" && spec.commentRequiredOn.includes("reject") && !String(e.comment ?? "").trim()) return false;
        if (spec.signature === "required" && !e.signature) return false;
        const after = castVote(work, spec.mode, String(e.by), action, spec.ratio);
        return outcomeOf(after, spec.mode, spec.ratio) === params.outcome;
      },
      returnsTo: ({ context, event }, params: P & { to: string }) => {
        const e = ev(event);
        const spec = approvalOf(def, params.nodeId);
        return (
          e.nodeId === params.nodeId &&
          e.to === params.to &&
          spec.actions.includes("return") &&
          Boolean(context.work[params.nodeId]?.pending.includes(String(e.by))) &&
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
          ids.length > 0 &&
          ids.length <= 50 &&
          ids.every((id) => typeof id === "string" && id !== "" && id !== e.by)
        );
      },
      nodeOutcomeIs: ({ context }, params: P & { outcome: "pass" }) => {
        const work = context.work[params.nodeId];
        const spec = approvalOf(def, params.nodeId);
        if (!work) return false;
        if (work.assignees.length === 0) return spec.emptyAssignee !== "reject";
        return outcomeOf(work, spec.mode, spec.ratio) === params.outcome;
      },
      emptyMeansReject: ({ context }, params: P) => context.work[params.nodeId]?.assignees.length === 0 && approvalOf(def, params.nodeId).emptyAssignee === "reject",
      nobodyActed: ({ context, event }) => !context.acted && ev(event).by === context.applicantId,
      resumesAt: ({ context, event }, params: P) => context.returnedFrom === params.nodeId && ev(event).by === context.applicantId,
      slaTimeoutIs: ({ context, event }, params: P & { onTimeout: "approve" | "reject" | "none" }) =>
        ev(event).timerId === timerId("sla", params.nodeId, context) && (approvalOf(def, params.nodeId).sla?.onTimeout ?? "none") === params.onTimeout,
      reminderDue: ({ context, event }, params: P) => ev(event).timerId === timerId("remind", params.nodeId, context),
    },
    actions: {
      countVisit: assign({ visits: ({ context }, params: P) => ({ ...context.visits, [params.nodeId]: (context.visits[params.nodeId] ?? 0) + 1 }) }),
      openWork: assign({
        work: ({ context, event }, params: P) => {
          const spec = approvalOf(def, params.nodeId);
          const assignees = resolveAssignees(spec, envOf(ev(event)).directory, context.data);
          const env = envOf(ev(event));
          const dueAt = spec.sla && spec.sla.workingDays > 0 ? addWorkingDays(env.now, spec.sla.workingDays, env.calendar) : undefined;
          let work: NodeWork = { assignees, pending: spec.mode === "sequential" ? assignees.slice(0, 1) : assignees, votes: {}, dueAt };
          // 去重: someone who already approved earlier in this case approves here automatically.
          if (spec.dedupe) for (const a of assignees) if (context.approvedBy.includes(a)) work = castVote(work, spec.mode, a, "approve");
          return { ...context.work, [params.nodeId]: work };
        },
      }),
      recordVote: assign(({ context, event }, params: P) => {
        const e = ev(event);
        const spec = approvalOf(def, params.nodeId);
        const vote = e.type === "REJECT" ? "reject" : "approve";
        const work = castVote(context.work[params.nodeId], spec.mode, String(e.by), vote, spec.ratio);
        const data = vote === "approve" && e.data ? { ...context.data, ...editableOnly(spec, e.data as Record<string, unknown>) } : context.data;
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
      markReturned: assign({ returnedFrom: (_, params: P) => params.nodeId, acted: true }),
      markActed: assign({ acted: true }),
      markTimedOut: assign({ variables: ({ context }, params: P) => ({ ...context.variables, [`${params.nodeId}_timedOut`]: true }) }),
      takeResubmittedData: assign({ data: ({ event }) => (ev(event).data as Record<string, unknown>) ?? {}, returnedFrom: null }),
      mergeResult: assign({ variables: ({ context, event }) => ({ ...context.variables, ...((ev(event).result as Record<string, unknown>) ?? {}) }) }),
      // Effects: no-ops inside XState; the engine reads them off the transition's action list.
      scheduleService: () => {},
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
      data: input.data,
      variables: {},
      applicantId: input.applicantId,
      work: {},
      visits: {},
      approvedBy: [],
      acted: false,
      returnedFrom: null,
    }),
    initial: def.startNodeId,
    states: states as never,
  }) as unknown as AnyStateMachine;
}

/** Timer ids name the node's visit, so a timer left over from an earlier visit matches nothing. */
export function timerId(kind: "sla" | "remind", nodeId: string, context: CaseContext): string {
  return `${kind}:${nodeId}:${context.visits[nodeId] ?? 1}`;
}

/** Approvers may change only the fields their node marks 可编辑. */
function editableOnly(spec: ApprovalSpec, edits: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(edits).filter(([k]) => spec.fieldPermissions[k] === "editable"));
}
