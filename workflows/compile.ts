import BpmnModdle, { type ModdleElement } from "bpmn-moddle";
import { feelSyntaxProblem } from "../forms/feel";
import niangjiaDescriptor from "./moddle/niangjia.json";
import type { ApprovalAction, ApprovalMode, ApprovalSpec, AssigneeRule, CompileResult, FlowDefinition, FlowNode, Localized, OrgLevel, Problem, SequenceFlow } from "./types";

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
  "bpmn:Transaction": { zh: "不支持事务子流程", en: "Transactions are not supported", hintZh: "去掉事务边界，用普通步骤", hintEn: "Remove the transaction boundary" },
  "bpmn:ComplexGateway": { zh: "不支持复杂网关", en: "Complex gateways are not supported", hintZh: "改用排他网关", hintEn: "Use exclusive gateways" },
  "bpmn:EventBasedGateway": { zh: "不支持事件网关", en: "Event-based gateways are not supported", hintZh: "改用排他网关或定时器", hintEn: "Use an exclusive gateway or a timer" },
  "bpmn:InclusiveGateway": { zh: "不支持包容网关", en: "Inclusive gateways are not supported", hintZh: "改用排他网关", hintEn: "Use exclusive gateways" },
  "bpmn:ParallelGateway": { zh: "此版本尚不能执行并行网关", en: "Parallel gateways cannot be executed in this version yet", hintZh: "暂时用依次审批或会签节点代替", hintEn: "Use a sequential or 会签 (all) approval node for now" },
  "bpmn:SubProcess": { zh: "此版本尚不能执行子流程", en: "Sub-processes cannot be executed in this version yet", hintZh: "把子流程展开到主流程中", hintEn: "Inline the sub-process into the main flow" },
  "bpmn:IntermediateCatchEvent": { zh: "此版本尚不能执行中间事件", en: "Intermediate events cannot be executed in this version yet", hintZh: "用审批节点的时限设置代替定时器", hintEn: "Use the approval node's SLA instead of a timer" },
  "bpmn:IntermediateThrowEvent": { zh: "不支持中间抛出事件", en: "Intermediate throw events are not supported", hintZh: "改用服务任务发送通知", hintEn: "Use a service task to send notifications" },
  "bpmn:BoundaryEvent": { zh: "此版本尚不能执行边界事件", en: "Boundary events cannot be executed in this version yet", hintZh: "用审批节点的时限设置代替", hintEn: "Use the approval node's SLA settings" },
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

function approvalSpec(el: El, problems: Problem[]): ApprovalSpec {
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
    assignee = { kind: "rolePool", role: str(raw?.role) || "approver" };
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
  const pick = <T extends string>(v: unknown, allowed: T[], fallback: T): T => (allowed.includes(str(v) as T) ? (str(v) as T) : fallback);
  return {
    assignee,
    mode,
    ratio,
    actions,
    commentRequiredOn: csv(a?.commentRequiredOn ?? "reject,return").filter((x): x is "reject" | "return" => x === "reject" || x === "return"),
    signature: pick(a?.signature, ["none", "optional", "required"], "none"),
    fieldPermissions,
    sla: sla ? { workingDays: Number(sla.workingDays ?? 0), remindBeforeHours: sla.remindBeforeHours as number | undefined, onTimeout: pick<"none" | "approve" | "reject">(sla.onTimeout, ["none", "approve", "reject"], "none") } : undefined,
    emptyAssignee: pick(a?.emptyAssignee, ["autoPass", "toAdmin", "reject"], "toAdmin"),
    applicantIsApprover: pick(a?.applicantIsApprover, ["skip", "self", "toSuperior"], "toSuperior"),
    dedupe: a?.dedupe === true,
  };
}

type NodeCompiler = (el: El, problems: Problem[]) => FlowNode | null;

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
  "bpmn:UserTask": (el, problems) => ({ id: str(el.id), name: str(el.name) || "审批", kind: "userTask", approval: approvalSpec(el, problems) }),
  "bpmn:ManualTask": (el, problems) => ({ id: str(el.id), name: str(el.name) || "审批", kind: "userTask", approval: approvalSpec(el, problems) }),
  "bpmn:ServiceTask": (el, problems) => serviceNode(el, problems),
  "bpmn:SendTask": (el, problems) => serviceNode(el, problems),
  "bpmn:ExclusiveGateway": (el) => ({ id: str(el.id), name: str(el.name), kind: "exclusiveGateway", defaultFlowId: str((el.default as El | undefined)?.id) || null }),
};

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
    for (const el of list(proc.flowElements)) {
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
      const node = compile(el, problems);
      if (node) nodes[node.id] = node;
    }
    for (const fragment of list(root.rootElements).filter((e) => e.$type !== "bpmn:Process" && e.$type !== "bpmn:Collaboration")) {
      if (["bpmn:Message", "bpmn:Signal", "bpmn:Error", "bpmn:Escalation"].includes(fragment.$type)) {
        warnings.push(problem("definition.ignored", fragment, { zh: "该定义未被使用，已忽略", en: "This definition is not used and is ignored" }, { zh: "无需处理", en: "Nothing to do" }));
      }
    }
    if (problems.length) return { ok: false, problems, warnings };
    checkStructure(proc, nodes, flows, problems);
    if (problems.length) return { ok: false, problems, warnings };
    const starts = Object.values(nodes).filter((n) => n.kind === "start");
    const definition: FlowDefinition = { irVersion: 1, processId: str(proc.id), name: str(proc.name), nodes, flows, startNodeId: starts[0].id };
    return { ok: true, definition, warnings };
  } catch (err) {
    return { ok: false, problems: [problem("compiler.error", null, { zh: `无法编译：${(err as Error)?.message ?? String(err)}`, en: `Could not compile: ${(err as Error)?.message ?? String(err)}` }, { zh: "请把此文件发给平台维护人员", en: "Send this file to the platform team" })], warnings };
  }
}

/** One start, every node reachable and able to reach an end, gateways that always have a way out. */
function checkStructure(proc: El, nodes: Record<string, FlowNode>, flows: SequenceFlow[], problems: Problem[]) {
  const elOf = (id: string) => ({ id, $type: "bpmn:FlowNode", name: nodes[id]?.name ?? "" }) as Partial<El>;
  const starts = Object.values(nodes).filter((n) => n.kind === "start");
  if (starts.length !== 1) {
    problems.push(problem("start.count", proc, { zh: `需要恰好一个开始事件，现有 ${starts.length} 个`, en: `Exactly one start event is needed; found ${starts.length}` }, { zh: "保留一个空白开始事件", en: "Keep one blank start event" }));
    return;
  }
  for (const f of flows) {
    if (!nodes[f.source] || !nodes[f.target]) problems.push(problem("flow.dangling", { id: f.id, $type: "bpmn:SequenceFlow" }, { zh: "连线的起点或终点不存在", en: "The sequence flow's source or target is missing" }, { zh: "删除或重新连接这条连线", en: "Delete or reconnect this flow" }));
  }
  if (problems.length) return;
  const out = (id: string) => flows.filter((f) => f.source === id);
  for (const node of Object.values(nodes)) {
    const n = out(node.id).length;
    if (node.kind === "end") continue;
    if (n === 0) problems.push(problem("node.deadEnd", elOf(node.id), { zh: "此节点没有出口", en: "This step has no outgoing flow" }, { zh: "连到下一个步骤或结束事件", en: "Connect it to the next step or an end event" }));
    if (node.kind !== "exclusiveGateway" && n > 1) problems.push(problem("node.implicitSplit", elOf(node.id), { zh: "非网关节点有多个出口", en: "A step that is not a gateway has several outgoing flows" }, { zh: "用排他网关做分支", en: "Use an exclusive gateway to branch" }));
    if (node.kind === "exclusiveGateway" && n > 1) {
      const uncovered = out(node.id).filter((f) => f.id !== node.defaultFlowId && !f.condition);
      if (uncovered.length) problems.push(problem("gateway.condition", elOf(node.id), { zh: "排他网关的分支缺少条件", en: "A branch of the exclusive gateway has no condition" }, { zh: "给每条分支写 FEEL 条件，或设一条默认分支", en: "Give every branch a FEEL condition, or mark one as default" }));
      if (!node.defaultFlowId) problems.push(problem("gateway.default", elOf(node.id), { zh: "排他网关需要一条默认分支", en: "The exclusive gateway needs a default flow" }, { zh: "把条件都不满足时要走的分支设为默认", en: "Mark the branch to take when no condition holds as default" }));
    }
  }
  const seen = new Set<string>([starts[0].id]);
  const queue = [starts[0].id];
  while (queue.length) {
    for (const f of out(queue.shift()!)) {
      if (seen.has(f.target)) continue;
      seen.add(f.target);
      queue.push(f.target);
    }
  }
  for (const node of Object.values(nodes)) {
    if (!seen.has(node.id)) problems.push(problem("node.unreachable", elOf(node.id), { zh: "从开始事件到不了这个节点", en: "This step cannot be reached from the start" }, { zh: "连上它或删除它", en: "Connect it or delete it" }));
  }
  if (!Object.values(nodes).some((n) => n.kind === "end")) problems.push(problem("end.missing", proc, { zh: "流程没有结束事件", en: "The flow has no end event" }, { zh: "添加一个结束事件", en: "Add an end event" }));
}
