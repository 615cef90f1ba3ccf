/**
 * The flow contract shared by the compiler (BPMN → FlowDefinition), the pure engine
 * (FlowDefinition + snapshot + event → Step) and the runtime that persists a Step.
 */

export type Localized = { zh: string; en: string };

export type OrgLevel = "grassroots" | "street" | "district" | "city";

export type AssigneeRule =
  | { kind: "orgLevel"; level: OrgLevel; role?: string }
  | { kind: "orgChain"; levels: number; role?: string }
  | { kind: "users"; userIds: string[] }
  | { kind: "rolePool"; role: string; orgLevel?: OrgLevel }
  | { kind: "initiatorChoice"; field?: string }
  | { kind: "formField"; field: string };

export type ApprovalAction = "approve" | "reject" | "return" | "transfer" | "addSigner" | "cc";
export type ApprovalMode = "single" | "any" | "all" | "sequential" | "ratio";

export type ApprovalSpec = {
  assignee: AssigneeRule;
  mode: ApprovalMode;
  /** 票签: share of approvals (0–1] that passes the node. */
  ratio?: number;
  /**
   * Multi-instance completion condition (FEEL over nrOfInstances, nrOfCompletedInstances,
   * nrOfActiveInstances, nrOfApprovals, nrOfRejections) when it maps to no plain mode.
   */
  completionCondition?: string;
  actions: ApprovalAction[];
  /** Decisions that need a written 审批意见 (同意 too, where a step asks for one). */
  commentRequiredOn: ("approve" | "reject" | "return")[];
  signature: "none" | "optional" | "required";
  fieldPermissions: Record<string, "editable" | "readonly" | "hidden">;
  sla?: { workingDays: number; remindBeforeHours?: number; onTimeout?: "none" | "approve" | "reject" };
  /** No approver resolved: pass the node, hand it to the program admins, or reject. */
  emptyAssignee: "autoPass" | "toAdmin" | "reject";
  /** The applicant is among the approvers: drop them, keep them, or go one level up. */
  applicantIsApprover: "skip" | "self" | "toSuperior";
  /** Approve automatically when the same person already approved an earlier node. */
  dedupe: boolean;
  buttonLabels?: Partial<Record<ApprovalAction, Localized>>;
  /**
   * 批量审批: the inbox may approve this node's tasks several at a time (`niangjia:allowBulk` on
   * the userTask). Never together with a required signature (the compiler refuses it).
   */
  allowBulk?: boolean;
};

/** `parent`: the embedded sub-process the node is drawn in (absent at process level). */
type NodeBase = { id: string; name: string; parent?: string };

/** When a timer fires, relative to the moment its node (or the activity it is attached to) is entered. */
export type TimerSpec =
  | { kind: "duration"; iso: string }
  | { kind: "workingDays"; days: number }
  | { kind: "date"; iso: string }
  /** Non-interrupting boundaries only: `repeat` firings `iso` apart (R3/PT4H). */
  | { kind: "cycle"; repeat: number; iso: string };

export type BoundaryTrigger = { kind: "timer"; timer: TimerSpec } | { kind: "error"; errorCode: string | null };

export type FlowNode =
  | (NodeBase & { kind: "start" })
  | (NodeBase & { kind: "end"; terminate: boolean })
  | (NodeBase & { kind: "userTask"; approval: ApprovalSpec })
  | (NodeBase & { kind: "serviceTask"; handler: string; retries: number })
  | (NodeBase & { kind: "exclusiveGateway"; defaultFlowId: string | null })
  /** Fork (one in, several out) or join (several in, one out) of a block-structured parallel block. */
  | (NodeBase & { kind: "parallelGateway" })
  | (NodeBase & { kind: "subProcess" })
  /** Intermediate timer catch event. */
  | (NodeBase & { kind: "timer"; timer: TimerSpec })
  | (NodeBase & { kind: "boundary"; attachedTo: string; interrupting: boolean; trigger: BoundaryTrigger });

export type SequenceFlow = { id: string; source: string; target: string; name?: string; condition?: string };

export type FlowDefinition = {
  irVersion: 1;
  processId: string;
  name: string;
  nodes: Record<string, FlowNode>;
  flows: SequenceFlow[];
  startNodeId: string;
};

export type DirectoryOrg = { orgId: string; level: OrgLevel; name: string; roles: Record<string, string[]> };

/** What the runtime loads before every step so the engine can resolve approvers without I/O. */
export type Directory = {
  applicantId: string;
  /** From the applicant's org upward: 基层工会 → 街道 → 区总 → 市总. */
  chain: DirectoryOrg[];
  programAdmins: string[];
};

export type EngineEnv = {
  now: string;
  directory: Directory;
  /** Holidays and 调休 working days for SLA due dates; weekends only when absent. */
  calendar?: { holidays: string[]; workdays: string[] };
};

export type CaseEvent =
  /**
   * `data`: the case's whole data after the approver's edits (validated by the service); `changed`: the fields they changed;
   * `bulk`: given with the inbox's 批量同意 (kept in the audit row).
   */
  | { type: "APPROVE"; nodeId: string; by: string; comment?: string; signature?: string; data?: Record<string, unknown>; changed?: string[]; bulk?: boolean }
  | { type: "REJECT"; nodeId: string; by: string; comment: string; signature?: string }
  | { type: "RETURN"; nodeId: string; by: string; comment: string; to: "applicant" | string }
  | { type: "RESUBMIT"; by: string; data: Record<string, unknown> }
  | { type: "WITHDRAW"; by: string }
  | { type: "TRANSFER"; nodeId: string; by: string; to: string; comment?: string }
  | { type: "ADD_SIGNER"; nodeId: string; by: string; userId: string; position: "before" | "after"; comment?: string }
  | { type: "CC"; nodeId: string; by: string; userIds: string[]; comment?: string }
  /** 认领: one candidate of a pool takes the node's task; the other candidates may no longer act. */
  | { type: "CLAIM"; nodeId: string; by: string }
  /** 释放: the claimer gives the task back to the pool. */
  | { type: "RELEASE"; nodeId: string; by: string; comment?: string }
  | { type: "TIMER_FIRED"; timerId: string }
  | { type: "SERVICE_DONE"; nodeId: string; result: Record<string, unknown> }
  /** `code`: the error code the handler threw, matched against the node's error boundaries. */
  | { type: "SERVICE_FAILED"; nodeId: string; error: string; code?: string };

export type CaseStatus = "running" | "returned" | "approved" | "rejected" | "withdrawn" | "failed";

/**
 * `claim`: the node's task was claimed (认领) by `by`; the rows of the candidates in `pool` (the
 * node's own approvers) then belong to the claimer until it is released.
 */
export type OpenTask = { nodeId: string; name: string; assignees: string[]; mode: ApprovalMode; dueAt?: string; claim?: { by: string; pool: string[] } };

export type Effect =
  | { type: "scheduleJob"; key: string; kind: "timer" | "service"; runAt: string; event?: CaseEvent; handler?: string; payload?: Record<string, unknown> }
  | { type: "cancelJobs"; keyPrefix: string }
  | { type: "notify"; userIds: string[]; templateKey: string; params?: Record<string, unknown> }
  | { type: "cc"; userIds: string[]; nodeId: string };

export type StepAudit = { action: string; nodeId?: string; by?: string; comment?: string; detail?: unknown };

export type Step = {
  /** JSON-serialisable persisted XState snapshot. */
  snapshot: unknown;
  status: CaseStatus;
  openTasks: OpenTask[];
  effects: Effect[];
  variables: Record<string, unknown>;
  audit: StepAudit;
};

/** An event the flow does not allow in the case's state; shown to the person who sent it. */
export class FlowRejection extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
    this.name = "FlowRejection";
  }
}

/** A BPMN element the compiler refuses or warns about. */
export type Problem = {
  code: string;
  elementId: string;
  elementType: string;
  name: string;
  message: Localized;
  hint: Localized;
};

export type CompileResult =
  | { ok: true; definition: FlowDefinition; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };
