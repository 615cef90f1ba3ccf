import BpmnModdle, { type ModdleElement } from "bpmn-moddle";
import { feelSyntaxProblem } from "../forms/feel";
import { analyseStructure } from "./flowStructure";
import niangjiaDescriptor from "./moddle/niangjia.json";
import { parseCycle, parseDateTime, parseDuration } from "./timerSpec";
import type { ApprovalAction, ApprovalMode, ApprovalSpec, AssigneeRule, CompileResult, FlowDefinition, FlowNode, Localized, OrgLevel, Problem, SequenceFlow, TimerSpec } from "./types";

const MAX_XML_CHARS = 5_000_000;

type El = ModdleElement & Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? (v as El[]) : []);

function problem(code: string, el: Partial<El> | null, message: Localized, hint: Localized): Problem {
  return { code, elementId: str(el?.id), elementType: str(el?.$type), name: str(el?.name), message, hint };
}

/** Element types outside the executable subset, with why and what to do instead. */
const refusedTypes: Record<string, { zh: string; en: string; hintZh: string; hintEn: string }> = {
  "bpmn:ScriptTask": { zh: "不支持脚本任务", en: "Script tasks are not supported", hintZh: "改用服务任务调用已注册的处理器", hintEn: "Use a service task that calls a registered handler" },
  "bpmn:BusinessRuleTask": { zh: "不支持业务规则任务", en: "Business rule tasks are not supported", hintZh: "用排他网关加 FEEL 条件表达规则", hintEn: "Express the rule with an exclusive gateway and FEEL conditions" },
  "bpmn:ReceiveTask": { zh: "不支持接收任务", en: "Receive tasks are not supported", hintZh: "改用用户任务或服务任务", hintEn: "Use a user task or a service task" },
  "bpmn:CallActivity": { zh: "不支持调用活动", en: "Call activities are not supported", hintZh: "把被调用的流程画成内嵌子流程", hintEn: "Draw the called process as an embedded sub-process" },
  "bpmn:AdHocSubProcess": { zh: "不支持自由子流程", en: "Ad-hoc sub-processes are not supported", hintZh: "改用普通内嵌子流程", hintEn: "Use an ordinary embedded sub-process" },
  "bpmn:Transaction": { zh: "不支持事务子流程", en: "Transactions are not supported", hintZh: "去掉事务边界，用普通步骤", hintEn: "Remove the transaction boundary" },
  "bpmn:ComplexGateway": { zh: "不支持复杂网关", en: "Complex gateways are not supported", hintZh: "改用排他网关", hintEn: "Use exclusive gateways" },
  "bpmn:EventBasedGateway": { zh: "不支持事件网关", en: "Event-based gateways are not supported", hintZh: "改用排他网关或定时器", hintEn: "Use an exclusive gateway or a timer" },
  "bpmn:InclusiveGateway": { zh: "不支持包容网关", en: "Inclusive gateways are not supported", hintZh: "改用排他网关", hintEn: "Use exclusive gateways" },
  "bpmn:IntermediateThrowEvent": { zh: "不支持中间抛出事件", en: "Intermediate throw events are not supported", hintZh: "改用服务任务发送通知", hintEn: "Use a service task to send notifications" },
  "bpmn:Task": { zh: "未指定类型的任务无法执行", en: "A task without a type cannot be executed", hintZh: "改为用户任务（审批）或服务任务", hintEn: "Make it a user task (approval) or a service task" },
};

/** Elements that are drawn but not executed: ignored with a warning. */
const ignoredTypes = new Set(["bpmn:TextAnnotation", "bpmn:Association", "bpmn:Group", "bpmn:DataObjectReference", "bpmn:DataStoreReference", "bpmn:DataObject", "bpmn:LaneSet"]);

const levels: OrgLevel[] = ["grassroots", "street", "district", "city"];
const modes: ApprovalMode[] = ["single", "any", "all", "sequential", "ratio"];
const allActions: ApprovalAction[] = ["approve", "reject", "return", "transfer", "addSigner", "cc"];

function csv(v: unknown): string[] {
  return str(v)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function extension(el: El, type: string): El | undefined {
  const ext = el.extensionElements as El | undefined;
  return list(ext?.values).find((v) => v.$type === type);
}

function approvalSpec(el: El, problems: Problem[], warnings: Problem[]): ApprovalSpec {
  const a = extension(el, "niangjia:Approval");
  const fail = (code: string, zh: string, en: string, hintZh: string, hintEn: string) => problems.push(problem(code, el, { zh, en }, { zh: hintZh, en: hintEn }));
  if (!a) {
    fail("approval.missing", "审批节点缺少审批人设置", "The approval step has no approver settings", "在属性面板中设置审批人", "Set the approvers in the properties panel");
  }
  const mode = (str(a?.mode) || "single") as ApprovalMode;
  if (!modes.includes(mode)) fail("approval.mode", `未知的审批方式 "${mode}"`, `Unknown approval mode "${mode}"`, "可选：single / any / all / sequential / ratio", "Use single, any, all, sequential or ratio");
  const ratio = typeof a?.ratio === "number" ? a.ratio : undefined;
  if (mode === "ratio" && (ratio === undefined || !(ratio > 0 && ratio <= 1))) fail("approval.ratio", "票签需要 0 到 1 之间的通过比例", "Ratio voting needs a pass ratio between 0 and 1", "例如 0.6 表示 60% 同意即通过", "e.g. 0.6 passes at 60% approval");
  const actions = (csv(a?.actions).length ? csv(a?.actions) : ["approve", "reject", "return"]) as ApprovalAction[];
  for (const act of actions) if (!allActions.includes(act)) fail("approval.action", `未知的审批操作 "${act}"`, `Unknown approval action "${act}"`, `可选：${allActions.join(", ")}`, `Use ${allActions.join(", ")}`);
  const raw = a?.assignee as El | undefined;
  const kind = str(raw?.kind) || "orgLevel";
  let assignee: AssigneeRule = { kind: "orgLevel", level: "grassroots", role: "approver" };
  if (kind === "orgLevel") {
    const level = (str(raw?.level) || "grassroots") as OrgLevel;
    if (!levels.includes(level)) fail("approval.level", `未知的组织层级 "${level}"`, `Unknown org level "${level}"`, "可选：grassroots / street / district / city", "Use grassroots, street, district or city");
    assignee = { kind: "orgLevel", level, role: str(raw?.role) || "approver" };
  } else if (kind === "orgChain") {
    assignee = { kind: "orgChain", levels: Number(raw?.levels ?? 1) || 1, role: str(raw?.role) || "approver" };
  } else if (kind === "users") {
    assignee = { kind: "users", userIds: csv(raw?.userIds) };
  } else if (kind === "rolePool") {
    // The modeler writes the pool's org level as `level`; no level means the whole chain.
    const level = str(raw?.level) as OrgLevel;
    if (level && !levels.includes(level)) fail("approval.level", `未知的组织层级 "${level}"`, `Unknown org level "${level}"`, "可选：grassroots / street / district / city", "Use grassroots, street, district or city");
    assignee = { kind: "rolePool", role: str(raw?.role) || "approver", ...(level && levels.includes(level) ? { orgLevel: level } : {}) };
  } else if (kind === "formField" || kind === "initiatorChoice") {
    assignee = kind === "formField" ? { kind, field: str(raw?.field) } : { kind, field: str(raw?.field) || undefined };
  } else {
    fail("approval.assignee", `未知的审批人规则 "${kind}"`, `Unknown assignee rule "${kind}"`, "可选：orgLevel / orgChain / users / rolePool / initiatorChoice / formField", "Use orgLevel, orgChain, users, rolePool, initiatorChoice or formField");
  }
  const fieldPermissions: ApprovalSpec["fieldPermissions"] = {};
  for (const fp of list(a?.fieldPermissions)) {
    const access = str(fp.access);
    if (access === "editable" || access === "readonly" || access === "hidden") fieldPermissions[str(fp.field)] = access;
  }
  const sla = a?.sla as El | undefined;
  const multi = multiInstanceRule(el, problems, warnings);
  if (multi && str(a?.mode) && (multi.mode !== mode || (mode === "ratio" && multi.ratio !== ratio) || multi.completionCondition)) {
    const drawn = multi.completionCondition ? `${multi.mode} + ${multi.completionCondition}` : multi.mode === "ratio" ? `ratio ${multi.ratio}` : multi.mode;
    fail("approval.modeConflict", `审批方式 "${mode}" 与多实例设置（${drawn}）矛盾`, `The approval mode "${mode}" contradicts the multi-instance settings (${drawn})`, "只保留一处：删掉审批方式，或去掉多实例标记", "Keep one: remove the approval mode, or the multi-instance marker");
  }
  const pick = <T extends string>(v: unknown, allowed: T[], fallback: T): T => (allowed.includes(str(v) as T) ? (str(v) as T) : fallback);
  const signature = pick(a?.signature, ["none", "optional", "required"], "none");
  const allowBulk = el.allowBulk === true;
  const commentRequiredOn = csv(a?.commentRequiredOn ?? "reject,return");
  const unknownComment = commentRequiredOn.filter((x) => !COMMENT_ACTIONS.includes(x as CommentAction));
  if (unknownComment.length) {
    fail("approval.commentRequiredOn", `必填意见的操作 "${unknownComment.join(",")}" 无法识别`, `Unknown action "${unknownComment.join(",")}" in commentRequiredOn`, "可选：approve（同意）、reject（拒绝）、return（退回）", "Use approve, reject or return");
  }
  if (allowBulk) checkBulk(actions, signature, commentRequiredOn, fail);
  return {
    assignee,
    mode: multi && !str(a?.mode) ? multi.mode : mode,
    ratio: multi && !str(a?.mode) ? multi.ratio : ratio,
    ...(multi?.completionCondition && !str(a?.mode) ? { completionCondition: multi.completionCondition } : {}),
    actions,
    commentRequiredOn: COMMENT_ACTIONS.filter((x) => commentRequiredOn.includes(x)),
    signature,
    fieldPermissions,
    sla: sla ? { workingDays: Number(sla.workingDays ?? 0), remindBeforeHours: sla.remindBeforeHours as number | undefined, onTimeout: pick<"none" | "approve" | "reject">(sla.onTimeout, ["none", "approve", "reject"], "none") } : undefined,
    emptyAssignee: pick(a?.emptyAssignee, ["autoPass", "toAdmin", "reject"], "toAdmin"),
    applicantIsApprover: pick(a?.applicantIsApprover, ["skip", "self", "toSuperior"], "toSuperior"),
    dedupe: a?.dedupe === true,
    ...buttonLabelsOf(a),
    ...(allowBulk ? { allowBulk } : {}),
  };
}

type CommentAction = ApprovalSpec["commentRequiredOn"][number];
const COMMENT_ACTIONS: CommentAction[] = ["approve", "reject", "return"];

type Fail = (code: string, zh: string, en: string, hintZh: string, hintEn: string) => void;

/** 批量审批 approves many cases with one shared comment and no signature pad: the node must allow exactly that. */
function checkBulk(actions: ApprovalAction[], signature: ApprovalSpec["signature"], commentRequiredOn: string[], fail: Fail) {
  if (!actions.includes("approve")) fail("approval.bulkWithoutApprove", "允许批量审批的节点必须有「同意」操作", "A step that allows bulk approval must offer Approve", "勾选「同意」，或取消「允许批量审批」", "Tick Approve, or untick Allow bulk approval");
  if (signature === "required") fail("approval.bulkSignature", "同意时必须手写签名的节点不能批量审批", "A step that requires a handwritten signature to approve cannot be bulk-approved", "把手写签名改为「可选」或「不需要」，或取消「允许批量审批」", "Make the signature optional or none, or untick Allow bulk approval");
  if (commentRequiredOn.includes("approve")) fail("approval.bulkComment", "同意时必须填写意见的节点不能批量审批", "A step that requires a comment to approve cannot be bulk-approved", "取消同意时必填意见，或取消「允许批量审批」", "Drop the required comment on approve, or untick Allow bulk approval");
}

/** `<niangjia:buttonLabel action="approve" zh="公示无异议" en="No objection"/>` → the node's own button words. */
function buttonLabelsOf(a: El | undefined): Pick<ApprovalSpec, "buttonLabels"> {
  const labels: NonNullable<ApprovalSpec["buttonLabels"]> = {};
  for (const b of list(a?.buttonLabels)) {
    const action = str(b.action) as ApprovalAction;
    if (allActions.includes(action) && str(b.zh)) labels[action] = { zh: str(b.zh), en: str(b.en) || str(b.zh) };
  }
  return Object.keys(labels).length ? { buttonLabels: labels } : {};
}

/** Completion conditions that say what a plain approval mode says. */
const conditionModes: { pattern: RegExp; parallel: Pick<ApprovalSpec, "mode" | "ratio"> | null; sequential: Pick<ApprovalSpec, "mode" | "ratio"> | null }[] = [
  { pattern: /^(nrOfCompletedInstances(>=|==|=)nrOfInstances|nrOfActiveInstances(==|=)0)$/, parallel: { mode: "all" }, sequential: { mode: "sequential" } },
  { pattern: /^nrOfCompletedInstances(>=1|>0|==1|=1)$/, parallel: { mode: "any" }, sequential: null },
];

/**
 * bpmn:multiInstanceLoopCharacteristics on an approval step: parallel = 会签 (all), sequential =
 * 依次; a completion condition becomes 或签 or 票签 where it says the same, otherwise it is kept
 * and evaluated in FEEL over the vote counts.
 */
function multiInstanceRule(el: El, problems: Problem[], warnings: Problem[]): Pick<ApprovalSpec, "mode" | "ratio" | "completionCondition"> | null {
  const lc = el.loopCharacteristics as El | undefined;
  if (!lc) return null;
  if (lc.$type !== "bpmn:MultiInstanceLoopCharacteristics") {
    problems.push(problem("loop.unsupported", el, { zh: "不支持循环任务", en: "Loop tasks are not supported" }, { zh: "用排他网关连回前面的步骤，或改用多实例（会签/依次）", en: "Loop back with an exclusive gateway, or use multi-instance (会签 / sequential)" }));
    return null;
  }
  if (lc.loopCardinality || lc.loopDataInputRef || lc.inputDataItem || el.$attrs && Object.keys(el.$attrs as object).some((k) => k.endsWith(":collection"))) {
    warnings.push(problem("multiInstance.instances", el, { zh: "多实例的实例数由审批人规则决定，图上的实例数/集合设置被忽略", en: "The approvers come from the assignee rule; the drawn cardinality or collection is ignored" }, { zh: "在审批人设置里选择会签的人", en: "Choose the people in the approver settings" }));
  }
  const sequential = lc.isSequential === true;
  const raw = str((lc.completionCondition as El | undefined)?.body).trim();
  const base: Pick<ApprovalSpec, "mode"> = { mode: sequential ? "sequential" : "all" };
  if (!raw) return base;
  const compact = raw.replace(/^\$\{([\s\S]*)\}$/, "$1").replace(/\s+/g, "");
  for (const c of conditionModes) {
    const mapped = c.pattern.test(compact) ? (sequential ? c.sequential : c.parallel) : null;
    if (mapped) return mapped;
  }
  const ratio = /^nrOfApprovals\/nrOfInstances>=(0?\.\d+|1(\.0+)?)$/.exec(compact);
  if (ratio && !sequential) return { mode: "ratio", ratio: Number(ratio[1]) };
  if (raw.startsWith("${") || feelSyntaxProblem(raw)) {
    problems.push(problem("multiInstance.condition", el, { zh: `完成条件不是有效的 FEEL 表达式：${raw}`, en: `The completion condition is not valid FEEL: ${raw}` }, { zh: "例如：nrOfApprovals / nrOfInstances >= 0.6", en: "e.g. nrOfApprovals / nrOfInstances >= 0.6" }));
    return base;
  }
  return { ...base, completionCondition: raw };
}

type NodeCompiler = (el: El, problems: Problem[], warnings: Problem[]) => FlowNode | null;

/** How each supported BPMN element becomes a flow node. */
const nodeCompilers: Record<string, NodeCompiler> = {
  "bpmn:StartEvent": (el, problems) => {
    if (list(el.eventDefinitions).length) {
      problems.push(problem("start.typed", el, { zh: "只支持空白开始事件", en: "Only a blank start event is supported" }, { zh: "去掉开始事件上的消息/定时/信号定义", en: "Remove the message/timer/signal definition from the start event" }));
      return null;
    }
    return { id: str(el.id), name: str(el.name), kind: "start" };
  },
  "bpmn:EndEvent": (el, problems) => {
    const defs = list(el.eventDefinitions);
    const terminate = defs.some((d) => d.$type === "bpmn:TerminateEventDefinition");
    if (defs.some((d) => d.$type !== "bpmn:TerminateEventDefinition")) {
      problems.push(problem("end.typed", el, { zh: "只支持空白结束和终止结束事件", en: "Only blank and terminate end events are supported" }, { zh: "去掉结束事件上的消息/错误/信号定义", en: "Remove the message/error/signal definition from the end event" }));
      return null;
    }
    return { id: str(el.id), name: str(el.name), kind: "end", terminate };
  },
  "bpmn:UserTask": (el, problems, warnings) => ({ id: str(el.id), name: str(el.name) || "审批", kind: "userTask", approval: approvalSpec(el, problems, warnings) }),
  "bpmn:ManualTask": (el, problems, warnings) => ({ id: str(el.id), name: str(el.name) || "审批", kind: "userTask", approval: approvalSpec(el, problems, warnings) }),
  "bpmn:ServiceTask": (el, problems) => serviceNode(el, problems),
  "bpmn:SendTask": (el, problems) => serviceNode(el, problems),
  "bpmn:ExclusiveGateway": (el) => ({ id: str(el.id), name: str(el.name), kind: "exclusiveGateway", defaultFlowId: str((el.default as El | undefined)?.id) || null }),
  "bpmn:ParallelGateway": (el) => ({ id: str(el.id), name: str(el.name), kind: "parallelGateway" }),
  "bpmn:SubProcess": (el, problems) => {
    if (el.triggeredByEvent === true) {
      problems.push(problem("subProcess.event", el, { zh: "不支持事件子流程", en: "Event sub-processes are not supported" }, { zh: "用边界事件（定时/错误）处理例外情况", en: "Handle exceptions with a boundary event (timer or error)" }));
      return null;
    }
    return { id: str(el.id), name: str(el.name), kind: "subProcess" };
  },
  "bpmn:IntermediateCatchEvent": (el, problems) => {
    const timer = onlyTimer(el, problems, "event.unsupported");
    const spec = timer && timerSpec(el, timer, problems, false);
    return spec ? { id: str(el.id), name: str(el.name), kind: "timer", timer: spec } : null;
  },
  "bpmn:BoundaryEvent": (el, problems) => {
    const base = { id: str(el.id), name: str(el.name), kind: "boundary" as const, attachedTo: str((el.attachedToRef as El | undefined)?.id) };
    const defs = list(el.eventDefinitions);
    if (defs.length === 1 && defs[0].$type === "bpmn:ErrorEventDefinition") {
      const code = str((defs[0].errorRef as El | undefined)?.errorCode).trim();
      return { ...base, interrupting: true, trigger: { kind: "error", errorCode: code || null } };
    }
    const timer = onlyTimer(el, problems, "boundary.unsupported");
    const interrupting = el.cancelActivity !== false;
    const spec = timer && timerSpec(el, timer, problems, !interrupting);
    return spec ? { ...base, interrupting, trigger: { kind: "timer", timer: spec } } : null;
  },
};

const eventNames: Record<string, Localized> = {
  "bpmn:MessageEventDefinition": { zh: "消息", en: "message" },
  "bpmn:SignalEventDefinition": { zh: "信号", en: "signal" },
  "bpmn:ConditionalEventDefinition": { zh: "条件", en: "conditional" },
  "bpmn:LinkEventDefinition": { zh: "链接", en: "link" },
  "bpmn:EscalationEventDefinition": { zh: "升级", en: "escalation" },
  "bpmn:CompensateEventDefinition": { zh: "补偿", en: "compensation" },
  "bpmn:CancelEventDefinition": { zh: "取消", en: "cancel" },
  "bpmn:ErrorEventDefinition": { zh: "错误", en: "error" },
};

/** The one timer definition of an event; anything else is named and refused. */
function onlyTimer(el: El, problems: Problem[], code: string): El | null {
  const defs = list(el.eventDefinitions);
  if (defs.length === 1 && defs[0].$type === "bpmn:TimerEventDefinition") return defs[0];
  const kinds = defs.map((d) => eventNames[d.$type] ?? { zh: d.$type, en: d.$type });
  const what = defs.length === 0 ? { zh: "空白", en: "blank" } : { zh: kinds.map((k) => k.zh).join("+"), en: kinds.map((k) => k.en).join("+") };
  const boundary = el.$type === "bpmn:BoundaryEvent";
  problems.push(
    problem(
      code,
      el,
      { zh: `不支持${what.zh}${boundary ? "边界" : "中间"}事件`, en: `${boundary ? "Boundary" : "Intermediate"} ${what.en} events are not supported` },
      boundary
        ? { zh: "边界事件只能是定时器（审批节点、子流程上）或错误（服务任务上）", en: "Boundary events may be timers (on approval steps and sub-processes) or errors (on service tasks)" }
        : { zh: "中间事件只能是定时器（等待一段时间）", en: "Intermediate events may only be timers (wait for a while)" },
    ),
  );
  return null;
}

/** timeDuration (ISO 8601), niangjia:workingDays, timeDate, or (non-interrupting only) timeCycle. */
function timerSpec(el: El, timer: El, problems: Problem[], cycleAllowed: boolean): TimerSpec | null {
  const fail = (code: string, zh: string, en: string, hintZh: string, hintEn: string) => {
    problems.push(problem(code, el, { zh, en }, { zh: hintZh, en: hintEn }));
    return null;
  };
  const days = Number(timer.workingDays ?? 0);
  if (timer.workingDays !== undefined) {
    return Number.isInteger(days) && days > 0 && days <= 365 ? { kind: "workingDays", days } : fail("timer.workingDays", `工作日数必须是 1 到 365 的整数，现为 ${String(timer.workingDays)}`, `Working days must be a whole number from 1 to 365; got ${String(timer.workingDays)}`, "例如 3 表示 3 个工作日后", "e.g. 3 fires after three working days");
  }
  const body = (v: unknown) => str((v as El | undefined)?.body).trim();
  if (timer.timeDuration) {
    const text = body(timer.timeDuration);
    return parseDuration(text) ? { kind: "duration", iso: text } : fail("timer.duration", `无法识别的时长 "${text}"`, `Unrecognised duration "${text}"`, "用 ISO 8601 时长，如 P3D（3 天）、PT2H（2 小时）；按工作日计时请设置工作日数", "Use an ISO 8601 duration such as P3D (3 days) or PT2H (2 hours); set working days to count working days");
  }
  if (timer.timeDate) {
    const text = body(timer.timeDate);
    return parseDateTime(text) ? { kind: "date", iso: text } : fail("timer.date", `无法识别的时间 "${text}"`, `Unrecognised date-time "${text}"`, "用 ISO 8601 时间，如 2026-10-01T09:00:00+08:00", "Use an ISO 8601 date-time such as 2026-10-01T09:00:00+08:00");
  }
  if (timer.timeCycle) {
    const text = body(timer.timeCycle);
    if (!cycleAllowed) return fail("timer.cycle", "只有非中断边界事件可以重复触发", "Only a non-interrupting boundary event may repeat", "改用时长（timeDuration），或把边界事件设为非中断", "Use a duration, or make the boundary event non-interrupting");
    const cycle = parseCycle(text);
    return cycle ? { kind: "cycle", ...cycle } : fail("timer.cycle", `无法识别的重复周期 "${text}"`, `Unrecognised cycle "${text}"`, "用 R次数/时长，如 R3/P1D（每天一次，共 3 次）", "Use Rcount/duration, e.g. R3/P1D (daily, three times)");
  }
  return fail("timer.missing", "定时器没有设置时间", "The timer has no time set", "设置时长（如 P3D）或工作日数", "Set a duration (e.g. P3D) or a number of working days");
}

function serviceNode(el: El, problems: Problem[]): FlowNode | null {
  const handler = str(el.handler);
  if (!handler) {
    problems.push(problem("service.handler", el, { zh: "服务任务没有指定处理器", en: "The service task names no handler" }, { zh: "在属性面板中选择一个已注册的处理器", en: "Choose a registered handler in the properties panel" }));
    return null;
  }
  return { id: str(el.id), name: str(el.name), kind: "serviceTask", handler, retries: Number(el.retries ?? 5) || 5 };
}

function conditionOf(flow: El, problems: Problem[]): string | undefined {
  const expr = flow.conditionExpression as El | undefined;
  if (!expr) return undefined;
  const language = str(expr.language).toLowerCase();
  const body = str(expr.body).trim();
  if (language && !language.includes("feel")) {
    problems.push(problem("condition.language", flow, { zh: `条件只能用 FEEL 表达式，不支持 "${language}"`, en: `Conditions must be FEEL; "${language}" is not supported` }, { zh: "例如：申请金额 > 2000", en: "e.g. amount > 2000" }));
    return undefined;
  }
  const syntax = feelSyntaxProblem(body.replace(/^\$\{|\}$/g, ""));
  if (body.startsWith("${") || syntax) {
    problems.push(problem("condition.syntax", flow, { zh: `条件表达式有误：${body}`, en: `Invalid condition expression: ${body}` }, { zh: "用 FEEL 写条件，例如：amount > 2000", en: "Write the condition in FEEL, e.g. amount > 2000" }));
    return undefined;
  }
  return body;
}

/**
 * BPMN XML → validated FlowDefinition. Anything outside the executable subset is refused
 * with reasons in Chinese and English; drawing-only elements are ignored with a warning.
 * Never throws, whatever the input.
 */
export async function compileBpmn(xml: string): Promise<CompileResult> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  try {
    if (typeof xml !== "string" || xml.trim() === "") {
      return { ok: false, problems: [problem("xml.empty", null, { zh: "文件为空", en: "The file is empty" }, { zh: "导出一个 .bpmn 文件再试", en: "Export a .bpmn file and try again" })], warnings };
    }
    if (xml.length > MAX_XML_CHARS) {
      return { ok: false, problems: [problem("xml.tooLarge", null, { zh: "流程文件过大", en: "The flow file is too large" }, { zh: "流程文件应小于 5 MB", en: "Keep flow files under 5 MB" })], warnings };
    }
    let root: El;
    try {
      const parsed = await new BpmnModdle({ niangjia: niangjiaDescriptor }).fromXML(xml);
      root = parsed.rootElement as El;
      for (const w of parsed.warnings.slice(0, 20)) warnings.push(problem("xml.warning", null, { zh: `解析警告：${w.message}`, en: `Parser warning: ${w.message}` }, { zh: "检查该元素", en: "Check the element" }));
    } catch (err) {
      return { ok: false, problems: [problem("xml.invalid", null, { zh: `不是有效的 BPMN 文件：${(err as Error).message}`, en: `Not a valid BPMN file: ${(err as Error).message}` }, { zh: "用建模器重新导出", en: "Export it again from the modeler" })], warnings };
    }
    if (root?.$type !== "bpmn:Definitions") {
      return { ok: false, problems: [problem("xml.notBpmn", root, { zh: "根元素不是 bpmn:definitions", en: "The root element is not bpmn:definitions" }, { zh: "用 BPMN 2.0 建模器导出", en: "Export it from a BPMN 2.0 modeler" })], warnings };
    }
    const processes = list(root.rootElements).filter((e) => e.$type === "bpmn:Process");
    const executable = processes.filter((p) => p.isExecutable === true);
    const candidates = executable.length ? executable : processes.length === 1 ? processes : [];
    if (candidates.length !== 1) {
      const zh = candidates.length === 0 ? "没有可执行的流程" : `有 ${candidates.length} 个可执行流程，只能有一个`;
      const en = candidates.length === 0 ? "There is no executable process" : `There are ${candidates.length} executable processes; only one is allowed`;
      return { ok: false, problems: [problem("process.count", root, { zh, en }, { zh: "只把一个流程标记为可执行", en: "Mark exactly one process as executable" })], warnings };
    }
    const proc = candidates[0];
    if (list(proc.laneSets).length) warnings.push(problem("lanes.ignored", proc, { zh: "泳道只用于展示，执行时忽略", en: "Lanes are for display and are ignored when running" }, { zh: "审批人在审批节点上设置", en: "Set approvers on the approval steps" }));

    const nodes: Record<string, FlowNode> = {};
    const flows: SequenceFlow[] = [];
    const types: Record<string, string> = {};
    const collect = (container: El, parent: string | undefined, depth: number) => {
      for (const el of list(container.flowElements)) {
        if (el.$type === "bpmn:SequenceFlow") {
          flows.push({ id: str(el.id), source: str((el.sourceRef as El | undefined)?.id), target: str((el.targetRef as El | undefined)?.id), name: str(el.name) || undefined, condition: conditionOf(el, problems) });
          continue;
        }
        if (ignoredTypes.has(el.$type)) {
          warnings.push(problem("element.ignored", el, { zh: "该元素只用于展示，执行时忽略", en: "This element is for display and is ignored when running" }, { zh: "无需处理", en: "Nothing to do" }));
          continue;
        }
        const refused = refusedTypes[el.$type];
        if (refused) {
          problems.push(problem("element.unsupported", el, { zh: refused.zh, en: refused.en }, { zh: refused.hintZh, en: refused.hintEn }));
          continue;
        }
        const compile = nodeCompilers[el.$type];
        if (!compile) {
          problems.push(problem("element.unknown", el, { zh: `不支持的元素类型 ${el.$type}`, en: `Unsupported element type ${el.$type}` }, { zh: "只使用建模器面板中提供的元素", en: "Use only the elements offered in the modeler palette" }));
          continue;
        }
        if (el.loopCharacteristics && el.$type !== "bpmn:UserTask" && el.$type !== "bpmn:ManualTask") {
          problems.push(problem("multiInstance.unsupported", el, { zh: "只有审批节点可以是多实例（会签/依次）", en: "Only approval steps may be multi-instance (会签 / sequential)" }, { zh: "去掉这个元素上的多实例或循环标记", en: "Remove the multi-instance or loop marker from this element" }));
          continue;
        }
        if (reservedIds.has(str(el.id)) || str(el.id).startsWith("$")) {
          problems.push(problem("node.reservedId", el, { zh: `元素 id "${str(el.id)}" 是保留字`, en: `The element id "${str(el.id)}" is reserved` }, { zh: "在属性面板中改一个 id", en: "Change the id in the properties panel" }));
          continue;
        }
        const node = compile(el, problems, warnings);
        if (!node) continue;
        if (parent) node.parent = parent;
        nodes[node.id] = node;
        types[node.id] = el.$type;
        if (node.kind === "subProcess") {
          if (depth >= 10) problems.push(problem("subProcess.depth", el, { zh: "子流程嵌套超过 10 层", en: "Sub-processes are nested more than 10 deep" }, { zh: "减少嵌套层数", en: "Nest fewer levels" }));
          else collect(el, node.id, depth + 1);
        }
      }
    };
    collect(proc, undefined, 0);
    const errorsUsed = Object.values(nodes).some((n) => n.kind === "boundary" && n.trigger.kind === "error");
    for (const fragment of list(root.rootElements).filter((e) => e.$type !== "bpmn:Process" && e.$type !== "bpmn:Collaboration")) {
      if (["bpmn:Message", "bpmn:Signal", "bpmn:Error", "bpmn:Escalation"].includes(fragment.$type) && !(errorsUsed && fragment.$type === "bpmn:Error")) {
        warnings.push(problem("definition.ignored", fragment, { zh: "该定义未被使用，已忽略", en: "This definition is not used and is ignored" }, { zh: "无需处理", en: "Nothing to do" }));
      }
    }
    if (problems.length) return { ok: false, problems, warnings };
    checkStructure(proc, nodes, flows, types, problems);
    if (problems.length) return { ok: false, problems, warnings };
    const starts = Object.values(nodes).filter((n) => n.kind === "start" && !n.parent);
    const definition: FlowDefinition = { irVersion: 1, processId: str(proc.id), name: str(proc.name), nodes, flows, startNodeId: starts[0].id };
    for (const p of analyseStructure(definition).problems) problems.push({ ...p, elementType: types[p.elementId] ?? p.elementType });
    if (problems.length) return { ok: false, problems, warnings };
    return { ok: true, definition, warnings };
  } catch (err) {
    return { ok: false, problems: [problem("compiler.error", null, { zh: `无法编译：${(err as Error)?.message ?? String(err)}`, en: `Could not compile: ${(err as Error)?.message ?? String(err)}` }, { zh: "请把此文件发给平台维护人员", en: "Send this file to the platform team" })], warnings };
  }
}

/** State names the machine uses besides the nodes. */
const reservedIds = new Set(["rejected", "withdrawn", "failed", "returned"]);

/**
 * Per process and per sub-process: one blank start, an end; every node reachable; gateways
 * that always have a way out; boundary events on what they can guard; flows that stay inside
 * their (sub-)process.
 */
function checkStructure(proc: El, nodes: Record<string, FlowNode>, flows: SequenceFlow[], types: Record<string, string>, problems: Problem[]) {
  const elOf = (id: string) => ({ id, $type: types[id] ?? "bpmn:FlowNode", name: nodes[id]?.name ?? "" }) as Partial<El>;
  const all = Object.values(nodes);
  const containers: (FlowNode | null)[] = [null, ...all.filter((n) => n.kind === "subProcess")];
  for (const c of containers) {
    const inside = all.filter((n) => n.parent === c?.id);
    const starts = inside.filter((n) => n.kind === "start");
    const where = c ? elOf(c.id) : proc;
    if (starts.length !== 1) {
      problems.push(
        c
          ? problem("subProcess.start", where, { zh: `子流程需要恰好一个空白开始事件，现有 ${starts.length} 个`, en: `A sub-process needs exactly one blank start event; found ${starts.length}` }, { zh: "在子流程里放一个空白开始事件", en: "Put one blank start event inside the sub-process" })
          : problem("start.count", proc, { zh: `需要恰好一个开始事件，现有 ${starts.length} 个`, en: `Exactly one start event is needed; found ${starts.length}` }, { zh: "保留一个空白开始事件", en: "Keep one blank start event" }),
      );
    }
    if (!inside.some((n) => n.kind === "end")) {
      problems.push(
        c
          ? problem("subProcess.end", where, { zh: "子流程里没有结束事件", en: "The sub-process has no end event" }, { zh: "在子流程里添加一个结束事件", en: "Add an end event inside the sub-process" })
          : problem("end.missing", proc, { zh: "流程没有结束事件", en: "The flow has no end event" }, { zh: "添加一个结束事件", en: "Add an end event" }),
      );
    }
  }
  if (problems.length) return;
  for (const f of flows) {
    if (!nodes[f.source] || !nodes[f.target]) {
      problems.push(problem("flow.dangling", { id: f.id, $type: "bpmn:SequenceFlow" }, { zh: "连线的起点或终点不存在", en: "The sequence flow's source or target is missing" }, { zh: "删除或重新连接这条连线", en: "Delete or reconnect this flow" }));
    } else if (nodes[f.source].parent !== nodes[f.target].parent) {
      problems.push(problem("flow.crossesSubProcess", { id: f.id, $type: "bpmn:SequenceFlow", name: f.name }, { zh: "连线穿过了子流程的边界", en: "The sequence flow crosses a sub-process boundary" }, { zh: "连到子流程本身，或连到子流程里的步骤", en: "Connect to the sub-process itself, or between steps inside it" }));
    } else if (nodes[f.target].kind === "start" || nodes[f.target].kind === "boundary") {
      problems.push(problem("flow.intoEvent", { id: f.id, $type: "bpmn:SequenceFlow", name: f.name }, { zh: "连线不能进入开始事件或边界事件", en: "A sequence flow cannot enter a start or boundary event" }, { zh: "删除这条连线", en: "Delete this flow" }));
    }
  }
  if (problems.length) return;
  const out = (id: string) => flows.filter((f) => f.source === id);
  for (const node of all) {
    const n = out(node.id).length;
    if (node.kind === "end") continue;
    if (n === 0) problems.push(problem("node.deadEnd", elOf(node.id), { zh: "此节点没有出口", en: "This step has no outgoing flow" }, { zh: "连到下一个步骤或结束事件", en: "Connect it to the next step or an end event" }));
    if (node.kind !== "exclusiveGateway" && node.kind !== "parallelGateway" && n > 1) problems.push(problem("node.implicitSplit", elOf(node.id), { zh: "非网关节点有多个出口", en: "A step that is not a gateway has several outgoing flows" }, { zh: "用排他网关做分支，用并行网关做并行", en: "Branch with an exclusive gateway, run in parallel with a parallel gateway" }));
    if (node.kind === "parallelGateway" && out(node.id).some((f) => f.condition)) problems.push(problem("gateway.parallelCondition", elOf(node.id), { zh: "并行网关的分支不能带条件", en: "Branches of a parallel gateway cannot have conditions" }, { zh: "去掉条件；要选择分支请用排他网关", en: "Remove the conditions; choose branches with an exclusive gateway" }));
    if (node.kind === "exclusiveGateway" && n > 1) {
      const uncovered = out(node.id).filter((f) => f.id !== node.defaultFlowId && !f.condition);
      if (uncovered.length) problems.push(problem("gateway.condition", elOf(node.id), { zh: "排他网关的分支缺少条件", en: "A branch of the exclusive gateway has no condition" }, { zh: "给每条分支写 FEEL 条件，或设一条默认分支", en: "Give every branch a FEEL condition, or mark one as default" }));
      if (!node.defaultFlowId) problems.push(problem("gateway.default", elOf(node.id), { zh: "排他网关需要一条默认分支", en: "The exclusive gateway needs a default flow" }, { zh: "把条件都不满足时要走的分支设为默认", en: "Mark the branch to take when no condition holds as default" }));
    }
    if (node.kind === "boundary") {
      const host = nodes[node.attachedTo];
      const timer = node.trigger.kind === "timer";
      const fits = timer ? host?.kind === "userTask" || host?.kind === "subProcess" : host?.kind === "serviceTask";
      if (!fits) {
        problems.push(
          problem(
            "boundary.host",
            elOf(node.id),
            timer ? { zh: "定时边界事件只能挂在审批节点或子流程上", en: "A timer boundary event can only be attached to an approval step or a sub-process" } : { zh: "错误边界事件只能挂在服务任务上", en: "An error boundary event can only be attached to a service task" },
            timer ? { zh: "把它挂到审批节点上，或改用中间定时事件", en: "Attach it to an approval step, or use an intermediate timer" } : { zh: "把它挂到调用处理器的服务任务上", en: "Attach it to the service task that calls the handler" },
          ),
        );
      }
    }
  }
  // Reachable from the process start, through sub-processes and boundary events.
  const processStart = all.find((n) => n.kind === "start" && !n.parent)!;
  const seen = new Set<string>([processStart.id]);
  const queue = [processStart.id];
  const enter = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    queue.push(id);
  };
  while (queue.length) {
    const at = queue.shift()!;
    for (const f of out(at)) enter(f.target);
    for (const n of all) {
      if (n.kind === "boundary" && n.attachedTo === at) enter(n.id);
      if (n.kind === "start" && n.parent === at) enter(n.id);
    }
  }
  for (const node of all) {
    if (!seen.has(node.id)) problems.push(problem("node.unreachable", elOf(node.id), { zh: "从开始事件到不了这个节点", en: "This step cannot be reached from the start" }, { zh: "连上它或删除它", en: "Connect it or delete it" }));
  }
}
