import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from "xstate";
import { boundaryTimerId, buildMachine, FAILED, firingsOf, nodeTimerId, REJECTED, RETURNED, timerId, WITHDRAWN, type CaseContext, type MachineEvent } from "./buildMachine";
import { mayReturnTo, structureOf } from "./flowStructure";
import { timerDueAt } from "./timerSpec";
import { FlowRejection, type ApprovalAction, type CaseEvent, type CaseStatus, type Effect, type EngineEnv, type FlowDefinition, type OpenTask, type Step } from "./types";

const machines = new WeakMap<FlowDefinition, AnyStateMachine>();

function machineFor(def: FlowDefinition): AnyStateMachine {
  let machine = machines.get(def);
  if (!machine) {
    machine = buildMachine(def);
    machines.set(def, machine);
  }
  return machine;
}

/** A node id for a sequential flow; nested objects when parallel blocks or sub-processes are active. */
type StateValue = string | { [key: string]: StateValue };
type PersistedSnapshot = { value: StateValue; context: CaseContext };

function persist(snapshot: AnyMachineSnapshot): PersistedSnapshot {
  const { env: _transient, ...context } = snapshot.context as CaseContext;
  return JSON.parse(JSON.stringify({ value: snapshot.value, context })) as PersistedSnapshot;
}

function restore(machine: AnyStateMachine, persisted: unknown, env: EngineEnv): AnyMachineSnapshot {
  const p = persisted as PersistedSnapshot;
  if (!p || (typeof p.value !== "string" && (typeof p.value !== "object" || p.value === null)) || typeof p.context !== "object") throw new FlowRejection("badSnapshot", "流程状态已损坏", "The case state is corrupt");
  return machine.resolveState({ value: p.value, context: { ...p.context, env } });
}

const specialStatus: Record<string, CaseStatus> = { [REJECTED]: "rejected", [WITHDRAWN]: "withdrawn", [FAILED]: "failed", [RETURNED]: "returned" };

function statusOf(def: FlowDefinition, value: StateValue): CaseStatus {
  if (typeof value !== "string") return "running";
  if (specialStatus[value]) return specialStatus[value];
  return def.nodes[value]?.kind === "end" ? "approved" : "running";
}

/** Every node whose state is active: the leaves and the parallel blocks and sub-processes around them. */
export function activeNodeIds(def: FlowDefinition, value: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === "string") {
      if (def.nodes[v]) found.push(v);
      return;
    }
    if (!v || typeof v !== "object") return;
    for (const [key, child] of Object.entries(v)) {
      if (def.nodes[key]) found.push(key);
      visit(child);
    }
  };
  visit(value);
  return found;
}

/** Open tasks of every active approval step (several when parallel branches wait at once). */
function openTasksOf(def: FlowDefinition, value: StateValue, context: CaseContext): OpenTask[] {
  return activeNodeIds(def, value).flatMap((id) => {
    const node = def.nodes[id];
    const work = context.work[id];
    if (node?.kind !== "userTask" || !work || work.pending.length === 0) return [];
    const claim = work.claimedBy ? { claim: { by: work.claimedBy, pool: work.assignees } } : {};
    return [{ nodeId: node.id, name: node.name, assignees: work.pending, mode: node.approval.mode, dueAt: work.dueAt, ...claim }];
  });
}

type ActionLike = { type: string; params?: Record<string, unknown> };
type EffectBuilder = (params: Record<string, unknown>, context: CaseContext, env: EngineEnv, def: FlowDefinition) => Effect[];

function notifyPending(params: Record<string, unknown>, context: CaseContext, templateKey: string): Effect[] {
  const pending = context.work[String(params.nodeId)]?.pending ?? [];
  return pending.length ? [{ type: "notify", userIds: pending, templateKey, params: { nodeId: params.nodeId } }] : [];
}

/** How the machine's named effect actions become runtime effects (job keys are relative to the case). */
const effectBuilders: Record<string, EffectBuilder> = {
  scheduleService: (params, context, env, def) => {
    const nodeId = String(params.nodeId);
    return [
      {
        type: "scheduleJob",
        key: `svc:${nodeId}:${context.visits[nodeId] ?? 1}`,
        kind: "service",
        runAt: env.now,
        handler: String(params.handler),
        payload: { nodeId, errorBoundaries: errorBoundariesOf(def, nodeId) },
      },
    ];
  },
  /** A service task on a non-interrupting boundary's side path: its own key per run. */
  scheduleSide: (params, context, env, def) => {
    const node = def.nodes[String(params.nodeId)];
    if (node?.kind !== "serviceTask") return [];
    return [{ type: "scheduleJob", key: `svc:${node.id}:s${context.sideRuns ?? 0}`, kind: "service", runAt: env.now, handler: node.handler, payload: { nodeId: node.id, errorBoundaries: { codes: [], catchAll: false } } }];
  },
  scheduleTimer: (params, context, env, def) => {
    const node = def.nodes[String(params.nodeId)];
    if (node?.kind !== "timer") return [];
    const id = nodeTimerId(node.id, context);
    return [{ type: "scheduleJob", key: id, kind: "timer", runAt: timerDueAt(node.timer, env.now, env.calendar), event: { type: "TIMER_FIRED", timerId: id } }];
  },
  /** A boundary timer's first firing on entry; a cycle's next one after each firing, until its count. */
  scheduleBoundaryTimer: (params, context, env, def) => {
    const boundary = def.nodes[String(params.boundaryId)];
    if (boundary?.kind !== "boundary" || boundary.trigger.kind !== "timer") return [];
    const timer = boundary.trigger.timer;
    const fired = firingsOf(boundary.id, boundary.attachedTo, context);
    if (fired > 0 && (timer.kind !== "cycle" || fired >= timer.repeat)) return [];
    const id = boundaryTimerId(boundary.id, boundary.attachedTo, context);
    return [{ type: "scheduleJob", key: id, kind: "timer", runAt: timerDueAt(timer, env.now, env.calendar), event: { type: "TIMER_FIRED", timerId: id } }];
  },
  notifyAssignees: (params, context) => notifyPending(params, context, "task.assigned"),
  notifyOverdue: (params, context) => notifyPending(params, context, "task.overdue"),
  notifyReminder: (params, context) => notifyPending(params, context, "task.reminder"),
  /** SLA: a due-time job (the timeout action) and, if asked, a reminder (催办) some hours before. */
  scheduleSla: (params, context, env, def) => {
    const nodeId = String(params.nodeId);
    const work = context.work[nodeId];
    if (!work?.dueAt || work.pending.length === 0) return [];
    const timers: Effect[] = [];
    const due = timerId("sla", nodeId, context);
    timers.push({ type: "scheduleJob", key: due, kind: "timer", runAt: work.dueAt, event: { type: "TIMER_FIRED", timerId: due } });
    const node = def.nodes[nodeId];
    const hours = node?.kind === "userTask" ? node.approval.sla?.remindBeforeHours : undefined;
    if (hours && hours > 0) {
      const remind = timerId("remind", nodeId, context);
      const at = new Date(Math.max(Date.parse(env.now), Date.parse(work.dueAt) - hours * 3_600_000)).toISOString();
      timers.push({ type: "scheduleJob", key: remind, kind: "timer", runAt: at, event: { type: "TIMER_FIRED", timerId: remind } });
    }
    return timers;
  },
  cancelJobs: (params) => [{ type: "cancelJobs", keyPrefix: String(params.keyPrefix ?? "") }],
  notifyUsers: (params) => {
    const userIds = (params.userIds as string[]) ?? [];
    return userIds.length ? [{ type: "notify", userIds, templateKey: String(params.templateKey ?? "task.assigned"), params: { nodeId: params.nodeId } }] : [];
  },
  ccUsers: (params) => [{ type: "cc", userIds: [...new Set((params.userIds as string[]) ?? [])], nodeId: String(params.nodeId) }],
};

/** What the job worker needs to know to hand a failed call to an error boundary instead of an incident. */
function errorBoundariesOf(def: FlowDefinition, nodeId: string): { codes: string[]; catchAll: boolean } {
  const codes: string[] = [];
  let catchAll = false;
  for (const id of structureOf(def).boundariesOf[nodeId] ?? []) {
    const b = def.nodes[id];
    if (b?.kind !== "boundary" || b.trigger.kind !== "error") continue;
    if (b.trigger.errorCode === null) catchAll = true;
    else codes.push(b.trigger.errorCode);
  }
  return { codes, catchAll };
}

function effectsOf(actions: ActionLike[], context: CaseContext, env: EngineEnv, def: FlowDefinition): Effect[] {
  return actions.flatMap((a) => effectBuilders[a.type]?.(a.params ?? {}, context, env, def) ?? []);
}

function stepFrom(def: FlowDefinition, snapshot: AnyMachineSnapshot, actions: ActionLike[], env: EngineEnv, audit: Step["audit"], detail: Record<string, unknown> = {}): Step {
  const value = snapshot.value as StateValue;
  const context = snapshot.context as CaseContext;
  const status = statusOf(def, value);
  const effects = effectsOf(actions, context, env, def);
  if (status !== "running" && status !== "returned") effects.push({ type: "notify", userIds: [context.applicantId], templateKey: `case.${status}`, params: {} });
  if (status === "returned") effects.push({ type: "notify", userIds: [context.applicantId], templateKey: "case.returned", params: {} });
  return { snapshot: persist(snapshot), status, openTasks: openTasksOf(def, value, context), effects, variables: context.variables, audit: { ...audit, detail: { ...detail, state: value } } };
}

/** Start a case: the applicant submitted `data`; runs until the first wait (a task, a job) or an end. */
export function startCase(def: FlowDefinition, input: { data: Record<string, unknown>; applicantId: string }, env: EngineEnv): Step {
  const machine = machineFor(def);
  const [snapshot, actions] = initialTransition(machine, { ...input, env });
  return stepFrom(def, snapshot, actions as ActionLike[], env, { action: "submit", by: input.applicantId });
}

const auditActions: Record<CaseEvent["type"], string> = {
  APPROVE: "approve",
  REJECT: "reject",
  RETURN: "return",
  RESUBMIT: "resubmit",
  WITHDRAW: "withdraw",
  TRANSFER: "transfer",
  ADD_SIGNER: "add_signer",
  CC: "cc",
  CLAIM: "claim",
  RELEASE: "release",
  TIMER_FIRED: "timer",
  SERVICE_DONE: "service_done",
  SERVICE_FAILED: "service_failed",
};

const approvalActionOf: Partial<Record<CaseEvent["type"], ApprovalAction>> = {
  APPROVE: "approve",
  REJECT: "reject",
  RETURN: "return",
  TRANSFER: "transfer",
  ADD_SIGNER: "addSigner",
  CC: "cc",
};

/** Who else an event names, kept in the audit row so the timeline can say 转办给/加签/抄送. */
function eventDetail(event: CaseEvent): Record<string, unknown> {
  if (event.type === "TRANSFER") return { to: event.to };
  if (event.type === "ADD_SIGNER") return { userId: event.userId, position: event.position };
  if (event.type === "CC") return { userIds: event.userIds };
  // A handwritten signature is kept with the decision it signs, and so are the fields an approver changed.
  const detail: Record<string, unknown> = {};
  if ((event.type === "APPROVE" || event.type === "REJECT") && event.signature) detail.signature = event.signature;
  if (event.type === "APPROVE" && event.changed?.length) detail.changed = event.changed;
  if (event.type === "APPROVE" && event.bulk) detail.bulk = true;
  return detail;
}

/** A 退回 to an earlier step names that step in the audit row, so the timeline can say where it went. */
function returnDetail(def: FlowDefinition, event: CaseEvent): Record<string, unknown> {
  if (event.type !== "RETURN" || event.to === "applicant") return {};
  return { returnTo: { nodeId: event.to, name: def.nodes[event.to]?.name ?? event.to } };
}

/** Why an event the flow cannot take was refused, in words for the person who sent it. */
function refusal(def: FlowDefinition, snapshot: AnyMachineSnapshot, event: CaseEvent): FlowRejection {
  const value = snapshot.value as StateValue;
  const context = snapshot.context as CaseContext;
  if (event.type === "WITHDRAW") {
    return context.acted || value === RETURNED
      ? new FlowRejection("withdrawAfterAction", "审批人已处理，不能撤回", "An approver has already acted; the application can no longer be withdrawn")
      : new FlowRejection("notWithdrawable", "当前状态不能撤回", "The application cannot be withdrawn now");
  }
  const node = "nodeId" in event ? def.nodes[event.nodeId] : undefined;
  if ((event.type === "CLAIM" || event.type === "RELEASE") && node?.kind === "userTask") return claimRefusal(event, context.work[node.id]);
  const asked = approvalActionOf[event.type];
  const needsComment = node?.kind === "userTask" && (node.approval.commentRequiredOn as string[]).includes(asked ?? "");
  if (needsComment && !("comment" in event && event.comment?.trim())) {
    return asked === "approve"
      ? new FlowRejection("commentRequired", "此环节同意时也须填写审批意见", "This step needs a comment to approve too")
      : new FlowRejection("commentRequired", "拒绝或退回时必须填写审批意见", "A comment is required to reject or return");
  }
  if (node?.kind === "userTask" && asked && !node.approval.actions.includes(asked)) {
    return new FlowRejection("actionNotAllowed", "此环节不允许该操作", "This step does not allow that action");
  }
  if (event.type === "RETURN" && event.to !== "applicant" && node?.kind === "userTask" && !mayReturnTo(def, structureOf(def), node.id, event.to)) {
    return new FlowRejection("returnTarget", "只能退回到本并行分支内或并行开始之前的审批节点", "A return can only go to an approval step in the same parallel branch or before the parallel block");
  }
  if (node?.kind === "userTask" && node.approval.signature === "required" && event.type === "APPROVE" && !event.signature) {
    return new FlowRejection("signatureRequired", "此环节需要手写签名", "This step requires a handwritten signature");
  }
  return new FlowRejection("notAllowedNow", "申请当前的状态不允许此操作", "The case is not in a state that allows this");
}

function claimRefusal(event: Extract<CaseEvent, { type: "CLAIM" | "RELEASE" }>, work: CaseContext["work"][string] | undefined): FlowRejection {
  if (event.type === "RELEASE") return new FlowRejection("notClaimer", "只有认领人可以释放此事项", "Only the person who claimed this task can release it");
  if (work?.claimedBy) return new FlowRejection("claimed", work.claimedBy === event.by ? "您已认领此事项" : "该事项已被认领", work.claimedBy === event.by ? "You have already claimed this task" : "This task was already claimed");
  return new FlowRejection("notClaimable", "只有交给多人、由其中一人办理的事项可以认领", "Only a task offered to several people, one of whom decides, can be claimed");
}

/** Apply one event to a persisted case snapshot; refuses (FlowRejection) what the flow does not allow now. */
export function applyEvent(def: FlowDefinition, persisted: unknown, event: CaseEvent, env: EngineEnv): Step {
  const machine = machineFor(def);
  const snapshot = restore(machine, persisted, env);
  const machineEvent = { ...event, env } as MachineEvent;
  if (snapshot.status === "done" || !snapshot.can(machineEvent)) throw refusal(def, snapshot, event);
  const [next, actions] = transition(machine, snapshot, machineEvent);
  const by = "by" in event ? event.by : undefined;
  const comment = "comment" in event ? event.comment : undefined;
  return stepFrom(def, next, actions as ActionLike[], env, { action: auditActions[event.type], nodeId: "nodeId" in event ? event.nodeId : undefined, by, comment }, { ...eventDetail(event), ...returnDetail(def, event) });
}
