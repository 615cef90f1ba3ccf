/**
 * Properties panel groups for our `niangjia:` extension (bpmn-js-properties-panel provider):
 * approvers, approval mode, actions and button labels, comments and signature, field permissions,
 * SLA, special cases (user tasks); the handler (service tasks); the FEEL condition and the default
 * branch (sequence flows). Entries are the library's own components with props, so inputs keep
 * focus while the panel re-renders.
 */
import {
  CheckboxEntry,
  Group,
  isCheckboxEntryEdited,
  isNumberFieldEntryEdited,
  isSelectEntryEdited,
  isTextFieldEntryEdited,
  NumberFieldEntry,
  SelectEntry,
  TextFieldEntry,
} from "@bpmn-io/properties-panel";
import { feelSyntaxProblem } from "../../../forms/feel";
import { editApproval, readApproval, readButtonLabel, readCondition, readFieldAccess, writeCondition, type ApprovalEdit, type DiagramElement, type Injector, type ModdleEl } from "./niangjiaModdle";

export type ModelerField = { key: string; type: string; label: { zh: string; en: string } };
export type NiangjiaPanelConfig = { locale: "zh" | "en"; fields: ModelerField[]; handlers: string[] };

type Entry = Record<string, unknown> & { id: string };

const COMMENT_ORDER = ["approve", "reject", "return"] as const;
type GroupDef = { id: string; label: string; component: unknown; entries: Entry[] };
type Option = { value: string; label: string };

const ACTIONS = ["approve", "reject", "return", "transfer", "addSigner", "cc"] as const;

const words = {
  approvers: ["审批人", "Approvers"],
  rule: ["审批人规则", "Approver rule"],
  orgLevel: ["申请人所在组织链上的某一级", "One level of the applicant's org chain"],
  orgChain: ["逐级审批（连续多级）", "Level by level (consecutive levels)"],
  rolePool: ["角色池（组织链上所有该角色的人）", "Role pool (everyone with the role up the chain)"],
  users: ["指定成员", "Named members"],
  initiatorChoice: ["申请人自选", "Chosen by the applicant"],
  formField: ["表单字段中的人", "Person named in a form field"],
  level: ["组织层级", "Org level"],
  grassroots: ["本基层工会", "Grassroots union"],
  street: ["街道（乡镇）总工会", "Street federation"],
  district: ["区总工会", "District federation"],
  city: ["市总工会", "City federation"],
  levels: ["向上审批的级数（1–4）", "Levels up the chain (1–4)"],
  role: ["角色", "Role"],
  approverRole: ["审批人", "Approver"],
  adminRole: ["管理员", "Admin"],
  userIds: ["成员编号（用逗号分隔）", "Member ids (comma separated)"],
  field: ["表单字段", "Form field"],
  chooseField: ["（请选择字段）", "(choose a field)"],
  emptyAssignee: ["找不到审批人时", "When nobody is found"],
  toAdmin: ["转交项目管理员", "Hand to the program admins"],
  autoPass: ["自动通过", "Pass automatically"],
  rejectCase: ["自动拒绝", "Reject"],
  applicantIsApprover: ["审批人是申请人本人时", "When the approver is the applicant"],
  toSuperior: ["交给上一级", "Go one level up"],
  skip: ["跳过本人", "Leave them out"],
  self: ["仍由本人审批", "Keep them"],
  dedupe: ["去重：前面已同意过的人自动通过", "Dedupe: someone who approved earlier passes automatically"],
  mode: ["审批方式", "Approval mode"],
  single: ["单人审批", "Single approver"],
  any: ["或签（一人同意即可）", "Any one (或签)"],
  all: ["会签（全部同意）", "All must approve (会签)"],
  sequential: ["依次审批（按顺序）", "In order (依次)"],
  ratio: ["票签（按比例）", "By ratio (票签)"],
  passRatio: ["通过比例（0–1，如 0.6）", "Pass ratio (0–1, e.g. 0.6)"],
  ratioError: ["请填写 0 到 1 之间的数，如 0.6", "Enter a number between 0 and 1, e.g. 0.6"],
  actions: ["审批操作", "Actions"],
  approve: ["同意", "Approve"],
  reject: ["拒绝", "Reject"],
  return: ["退回", "Return"],
  transfer: ["转办", "Transfer"],
  addSigner: ["加签", "Add signer"],
  cc: ["抄送", "CC"],
  commentOnApprove: ["同意时也须填写意见", "Comment required to approve"],
  commentOnReject: ["拒绝时必须填写意见", "Comment required to reject"],
  commentOnReturn: ["退回时必须填写意见", "Comment required to return"],
  signature: ["手写签名", "Handwritten signature"],
  signatureNone: ["不需要", "None"],
  signatureOptional: ["可选", "Optional"],
  signatureRequired: ["同意时必须签名", "Required to approve"],
  allowBulk: ["允许批量审批", "Allow bulk approval"],
  buttonLabels: ["按钮文字", "Button labels"],
  buttonZh: ["「{action}」按钮（中文）", "\"{action}\" button (Chinese)"],
  buttonEn: ["「{action}」按钮（英文）", "\"{action}\" button (English)"],
  fieldPermissions: ["字段权限", "Field permissions"],
  noFields: ["表单还没有字段", "The form has no fields yet"],
  editable: ["可编辑", "Editable"],
  readonly: ["只读", "Read-only"],
  hidden: ["隐藏", "Hidden"],
  sla: ["办理时限", "Time limit (SLA)"],
  workingDays: ["时限（工作日，0 为不限）", "Working days (0 = none)"],
  remindBeforeHours: ["到期前几小时催办", "Remind hours before due"],
  onTimeout: ["超时后", "On timeout"],
  timeoutNone: ["只提醒", "Only notify"],
  timeoutApprove: ["自动同意", "Approve automatically"],
  timeoutReject: ["自动拒绝", "Reject automatically"],
  service: ["服务处理器", "Service handler"],
  handler: ["处理器", "Handler"],
  chooseHandler: ["（请选择处理器）", "(choose a handler)"],
  retries: ["失败重试次数", "Retries on failure"],
  timer: ["定时（工作日）", "Timer in working days"],
  timerDays: ["几个工作日后（留空则用下方「定时器」的 ISO 时长，如 PT48H）", "Working days (empty: use the ISO duration below, e.g. PT48H)"],
  condition: ["分支条件", "Branch condition"],
  feel: ["条件（FEEL 表达式，如 amount > 2000）", "Condition (FEEL, e.g. amount > 2000)"],
  feelError: ["表达式有语法错误", "The expression has a syntax error"],
  isDefault: ["默认分支（条件都不满足时走这条）", "Default branch (taken when no condition holds)"],
} satisfies Record<string, [string, string]>;

type Word = keyof typeof words;

class NiangjiaPropertiesProvider {
  static $inject = ["propertiesPanel", "injector", "config.niangjia"];
  private readonly injector: Injector;
  private readonly config: NiangjiaPanelConfig;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, injector: Injector, config: NiangjiaPanelConfig | undefined) {
    this.injector = injector;
    this.config = config ?? { locale: "zh", fields: [], handlers: [] };
    propertiesPanel.registerProvider(400, this);
  }

  private w(key: Word, params: Record<string, string> = {}): string {
    return words[key][this.config.locale === "en" ? 1 : 0].replace(/\{(\w+)\}/g, (whole, k: string) => params[k] ?? whole);
  }

  private opts(...keys: Word[]): Option[] {
    return keys.map((k) => ({ value: k, label: this.w(k) }));
  }

  getGroups(element: DiagramElement) {
    return (groups: GroupDef[]) => {
      const base = groups.filter((g) => ["general", "timer", "documentation"].includes(g.id));
      const ours = this.groupsFor(element);
      const general = base.filter((g) => g.id === "general");
      return [...general, ...ours, ...base.filter((g) => g.id !== "general")];
    };
  }

  private groupsFor(element: DiagramElement): GroupDef[] {
    const type = element.businessObject.$type;
    if (type === "bpmn:UserTask" || type === "bpmn:ManualTask") return this.userTaskGroups(element);
    if (type === "bpmn:ServiceTask" || type === "bpmn:SendTask") return [this.serviceGroup(element)];
    if (type === "bpmn:SequenceFlow") return [this.conditionGroup(element)];
    const timer = ((element.businessObject.get("eventDefinitions") as ModdleEl[] | undefined) ?? []).find((d) => d.$type === "bpmn:TimerEventDefinition");
    if (timer) return [this.timerGroup(element, timer)];
    return [];
  }

  private group(id: string, label: Word, entries: Entry[]): GroupDef {
    return { id: `niangjia-${id}`, label: this.w(label), component: Group, entries };
  }

  private edit(element: DiagramElement, edit: ApprovalEdit) {
    editApproval(this.injector, element, edit);
  }

  private select(element: DiagramElement, id: string, label: string, getValue: () => string, setValue: (v: string) => void, options: Option[]): Entry {
    return { id, element, component: SelectEntry, isEdited: isSelectEntryEdited, label, getValue, setValue, getOptions: () => options };
  }

  private text(element: DiagramElement, id: string, label: string, getValue: () => string, setValue: (v: string) => void, validate?: (v: string) => string | null): Entry {
    return { id, element, component: TextFieldEntry, isEdited: isTextFieldEntryEdited, label, getValue, setValue, validate, debounce: this.injector.get("debounceInput") };
  }

  private number(element: DiagramElement, id: string, label: string, getValue: () => number | undefined, setValue: (v: number | undefined) => void, min: number, max: number, step = 1): Entry {
    return {
      id,
      element,
      component: NumberFieldEntry,
      isEdited: isNumberFieldEntryEdited,
      label,
      min,
      max,
      step,
      getValue,
      setValue: (v: unknown) => {
        const n = v === "" || v === undefined || v === null ? undefined : Number(v);
        setValue(n === undefined || Number.isNaN(n) ? undefined : n);
      },
      debounce: this.injector.get("debounceInput"),
    };
  }

  private checkbox(element: DiagramElement, id: string, label: string, getValue: () => boolean, setValue: (v: boolean) => void): Entry {
    return { id, element, component: CheckboxEntry, isEdited: isCheckboxEntryEdited, label, getValue, setValue };
  }

  private userTaskGroups(el: DiagramElement): GroupDef[] {
    const bo = el.businessObject;
    const get = (prop: string, child?: "assignee" | "sla") => readApproval(bo, prop, child);
    const setA = (props: Record<string, unknown>) => this.edit(el, { approval: props });
    const setChild = (child: "assignee" | "sla", props: Record<string, unknown>) => this.edit(el, { child, props });
    const csv = (prop: string) => String(get(prop) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const toggle = (prop: string, value: string, on: boolean, order: readonly string[]) => {
      const set = new Set(csv(prop));
      if (on) set.add(value);
      else set.delete(value);
      setA({ [prop]: order.filter((a) => set.has(a)).join(",") });
    };
    const kind = String(get("kind", "assignee"));
    // The applicant's choice is made in an approver picker (审批人自选); a form field rule may read any field.
    const offeredFields = kind === "initiatorChoice" ? this.config.fields.filter((f) => f.type === "approverPicker") : this.config.fields;
    const fieldOptions = [{ value: "", label: this.w("chooseField") }, ...offeredFields.map((f) => ({ value: f.key, label: `${this.config.locale === "en" ? f.label.en || f.label.zh : f.label.zh}（${f.key}）` }))];
    const modeling = this.injector.get<{ updateProperties(e: DiagramElement, p: Record<string, unknown>): void }>("modeling");

    const assignee: Entry[] = [
      this.select(el, "nj-kind", this.w("rule"), () => kind, (v) => setChild("assignee", { kind: v }), this.opts("orgLevel", "orgChain", "rolePool", "users", "initiatorChoice", "formField")),
    ];
    if (kind === "orgLevel" || kind === "rolePool") {
      assignee.push(this.select(el, "nj-level", this.w("level"), () => String(get("level", "assignee") ?? "grassroots"), (v) => setChild("assignee", { level: v }), this.opts("grassroots", "street", "district", "city")));
    }
    if (kind === "orgChain") {
      assignee.push(this.number(el, "nj-levels", this.w("levels"), () => Number(get("levels", "assignee") ?? 1), (v) => setChild("assignee", { levels: v === undefined ? undefined : Math.max(1, Math.min(4, Math.round(v))) }), 1, 4));
    }
    if (kind === "orgLevel" || kind === "orgChain" || kind === "rolePool") {
      const roles = [
        { value: "approver", label: this.w("approverRole") },
        { value: "admin", label: this.w("adminRole") },
      ];
      assignee.push(this.select(el, "nj-role", this.w("role"), () => String(get("role", "assignee") ?? "approver"), (v) => setChild("assignee", { role: v }), roles));
    }
    if (kind === "users") assignee.push(this.text(el, "nj-users", this.w("userIds"), () => String(get("userIds", "assignee") ?? ""), (v) => setChild("assignee", { userIds: v.replace(/[，\s]+/g, ",").replace(/^,|,$/g, "") })));
    if (kind === "formField" || kind === "initiatorChoice") {
      assignee.push(this.select(el, "nj-field", this.w("field"), () => String(get("field", "assignee") ?? ""), (v) => setChild("assignee", { field: v || undefined }), fieldOptions));
    }
    assignee.push(
      this.select(el, "nj-empty", this.w("emptyAssignee"), () => String(get("emptyAssignee")), (v) => setA({ emptyAssignee: v }), [
        { value: "toAdmin", label: this.w("toAdmin") },
        { value: "autoPass", label: this.w("autoPass") },
        { value: "reject", label: this.w("rejectCase") },
      ]),
      this.select(el, "nj-self", this.w("applicantIsApprover"), () => String(get("applicantIsApprover")), (v) => setA({ applicantIsApprover: v }), this.opts("toSuperior", "skip", "self")),
      this.checkbox(el, "nj-dedupe", this.w("dedupe"), () => get("dedupe") === true, (v) => setA({ dedupe: v })),
    );

    const mode = String(get("mode"));
    const modeEntries: Entry[] = [this.select(el, "nj-mode", this.w("mode"), () => mode, (v) => setA({ mode: v }), this.opts("single", "any", "all", "sequential", "ratio"))];
    if (mode === "ratio") {
      modeEntries.push(
        this.text(
          el,
          "nj-ratio",
          this.w("passRatio"),
          () => (get("ratio") === undefined ? "" : String(get("ratio"))),
          (v) => {
            const n = Number(v);
            if (v.trim() !== "" && n > 0 && n <= 1) setA({ ratio: n });
          },
          (v) => (v.trim() === "" || !(Number(v) > 0 && Number(v) <= 1) ? this.w("ratioError") : null),
        ),
      );
    }

    const actions = csv("actions");
    const actionEntries: Entry[] = [
      ...ACTIONS.map((a) => this.checkbox(el, `nj-action-${a}`, this.w(a), () => actions.includes(a), (on) => toggle("actions", a, on, ACTIONS))),
      this.checkbox(el, "nj-comment-approve", this.w("commentOnApprove"), () => csv("commentRequiredOn").includes("approve"), (on) => toggle("commentRequiredOn", "approve", on, COMMENT_ORDER)),
      this.checkbox(el, "nj-comment-reject", this.w("commentOnReject"), () => csv("commentRequiredOn").includes("reject"), (on) => toggle("commentRequiredOn", "reject", on, COMMENT_ORDER)),
      this.checkbox(el, "nj-comment-return", this.w("commentOnReturn"), () => csv("commentRequiredOn").includes("return"), (on) => toggle("commentRequiredOn", "return", on, COMMENT_ORDER)),
      this.select(el, "nj-signature", this.w("signature"), () => String(get("signature")), (v) => setA({ signature: v }), [
        { value: "none", label: this.w("signatureNone") },
        { value: "optional", label: this.w("signatureOptional") },
        { value: "required", label: this.w("signatureRequired") },
      ]),
      // An attribute of the userTask itself (niangjia:allowBulk), like a service task's handler; the compiler refuses it with a required signature.
      this.checkbox(el, "nj-allow-bulk", this.w("allowBulk"), () => bo.get("niangjia:allowBulk") === true, (on) => modeling.updateProperties(el, { "niangjia:allowBulk": on || undefined })),
    ];

    const labelEntries = ACTIONS.filter((a) => actions.includes(a)).flatMap((a) =>
      (["zh", "en"] as const).map((lang) =>
        this.text(el, `nj-label-${a}-${lang}`, this.w(lang === "zh" ? "buttonZh" : "buttonEn", { action: this.w(a) }), () => readButtonLabel(bo, a, lang), (text) => this.edit(el, { buttonLabel: { action: a, lang, text } })),
      ),
    );

    const accessOptions = this.opts("editable", "readonly", "hidden");
    const fieldEntries: Entry[] = this.config.fields.length
      ? this.config.fields.map((f) =>
          this.select(el, `nj-access-${f.key}`, this.config.locale === "en" ? f.label.en || f.label.zh : f.label.zh, () => readFieldAccess(bo, f.key), (access) => this.edit(el, { fieldAccess: { field: f.key, access } }), accessOptions),
        )
      : [{ id: "nj-no-fields", element: el, component: SelectEntry, label: this.w("noFields"), getValue: () => "", setValue: () => {}, getOptions: () => [], disabled: true }];

    const sla: Entry[] = [
      this.number(el, "nj-sla-days", this.w("workingDays"), () => Number(get("workingDays", "sla") ?? 0), (v) => setChild("sla", { workingDays: v === undefined ? 0 : Math.max(0, Math.min(365, Math.round(v))) }), 0, 365),
      this.number(el, "nj-sla-remind", this.w("remindBeforeHours"), () => (get("remindBeforeHours", "sla") as number | undefined) ?? undefined, (v) => setChild("sla", { remindBeforeHours: v === undefined ? undefined : Math.max(0, Math.round(v)) }), 0, 240),
      this.select(el, "nj-sla-timeout", this.w("onTimeout"), () => String(get("onTimeout", "sla") ?? "none"), (v) => setChild("sla", { onTimeout: v }), [
        { value: "none", label: this.w("timeoutNone") },
        { value: "approve", label: this.w("timeoutApprove") },
        { value: "reject", label: this.w("timeoutReject") },
      ]),
    ];

    return [
      this.group("assignee", "approvers", assignee),
      this.group("mode", "mode", modeEntries),
      this.group("actions", "actions", actionEntries),
      this.group("fields", "fieldPermissions", fieldEntries),
      this.group("sla", "sla", sla),
      ...(labelEntries.length ? [this.group("labels", "buttonLabels", labelEntries)] : []),
    ];
  }

  private serviceGroup(el: DiagramElement): GroupDef {
    const bo = el.businessObject;
    const current = String(bo.get("niangjia:handler") ?? "");
    const handlers = [...new Set([...this.config.handlers, ...(current ? [current] : [])])];
    const modeling = this.injector.get<{ updateProperties(e: DiagramElement, p: Record<string, unknown>): void }>("modeling");
    return this.group("service", "service", [
      this.select(el, "nj-handler", this.w("handler"), () => current, (v) => modeling.updateProperties(el, { "niangjia:handler": v || undefined }), [{ value: "", label: this.w("chooseHandler") }, ...handlers.map((h) => ({ value: h, label: h }))]),
      this.number(el, "nj-retries", this.w("retries"), () => (bo.get("niangjia:retries") as number | undefined) ?? 5, (v) => modeling.updateProperties(el, { "niangjia:retries": v === undefined ? undefined : Math.max(0, Math.min(20, Math.round(v))) }), 0, 20),
    ]);
  }

  /** Timers in working days (niangjia:workingDays); the standard 定时器 group below takes an ISO duration instead. */
  private timerGroup(el: DiagramElement, timer: ModdleEl): GroupDef {
    const modeling = this.injector.get<{ updateModdleProperties(e: DiagramElement, m: ModdleEl, p: Record<string, unknown>): void }>("modeling");
    return this.group("timer", "timer", [
      this.number(el, "nj-timer-days", this.w("timerDays"), () => (timer.get("niangjia:workingDays") as number | undefined) ?? undefined, (v) => modeling.updateModdleProperties(el, timer, { "niangjia:workingDays": v === undefined || v <= 0 ? undefined : Math.min(365, Math.round(v)) }), 0, 365),
    ]);
  }

  private conditionGroup(el: DiagramElement): GroupDef {
    const bo = el.businessObject;
    const source = el.source;
    const entries: Entry[] = [
      this.text(
        el,
        "nj-condition",
        this.w("feel"),
        () => readCondition(bo),
        (v) => writeCondition(this.injector, el, v),
        (v) => (v.trim() && feelSyntaxProblem(v.trim()) ? this.w("feelError") : null),
      ),
    ];
    if (source && source.businessObject.$type === "bpmn:ExclusiveGateway") {
      const modeling = this.injector.get<{ updateProperties(e: DiagramElement, p: Record<string, unknown>): void }>("modeling");
      entries.push(this.checkbox(el, "nj-default", this.w("isDefault"), () => source.businessObject.get("default") === bo, (on) => modeling.updateProperties(source, { default: on ? bo : undefined })));
    }
    return this.group("condition", "condition", entries);
  }
}

export const niangjiaPropertiesModule = {
  __init__: ["niangjiaPropertiesProvider"],
  niangjiaPropertiesProvider: ["type", NiangjiaPropertiesProvider],
};

export type { ModdleEl };
