/**
 * Reading and writing our `niangjia:` extension (workflows/moddle/niangjia.json) on the modeler's
 * business objects. Every write is one command-stack step, so undo/redo covers it.
 */

export type ModdleEl = {
  $type: string;
  $parent?: ModdleEl;
  id?: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
};

export type DiagramElement = { id: string; type: string; businessObject: ModdleEl; source?: DiagramElement; target?: DiagramElement };

export type Injector = { get<T = unknown>(name: string, strict?: boolean): T };

type Command = { cmd: string; context: Record<string, unknown> };
type BpmnFactory = { create(type: string, attrs?: Record<string, unknown>): ModdleEl };
type CommandStack = { execute(cmd: string, context: unknown): void };

/** What a new approval step starts with; the same defaults the compiler assumes. */
export const DEFAULT_APPROVAL = {
  approval: {
    mode: "single",
    actions: "approve,reject,return",
    commentRequiredOn: "reject,return",
    signature: "none",
    emptyAssignee: "toAdmin",
    applicantIsApprover: "toSuperior",
    dedupe: false,
  },
  assignee: { kind: "orgLevel", level: "grassroots", role: "approver" },
} as const;

const many = (el: ModdleEl | undefined, name: string) => ((el?.get(name) as ModdleEl[] | undefined) ?? []).slice();

export function approvalOf(bo: ModdleEl): ModdleEl | undefined {
  const ext = bo.get("extensionElements") as ModdleEl | undefined;
  return many(ext, "values").find((v) => v.$type === "niangjia:Approval");
}

/** An attribute of the approval (or of its assignee / sla child), falling back to the default. */
export function readApproval(bo: ModdleEl, prop: string, child?: "assignee" | "sla"): unknown {
  const approval = approvalOf(bo);
  const owner = child ? (approval?.get(child) as ModdleEl | undefined) : approval;
  const value = owner?.get(prop);
  if (value !== undefined && value !== null && value !== "") return value;
  if (child === "assignee") return (DEFAULT_APPROVAL.assignee as Record<string, unknown>)[prop];
  if (!child) return (DEFAULT_APPROVAL.approval as Record<string, unknown>)[prop];
  return undefined;
}

export function readFieldAccess(bo: ModdleEl, field: string): string {
  return (many(approvalOf(bo), "fieldPermissions").find((fp) => fp.get("field") === field)?.get("access") as string | undefined) ?? "readonly";
}

export function readButtonLabel(bo: ModdleEl, action: string, lang: "zh" | "en"): string {
  return (many(approvalOf(bo), "buttonLabels").find((b) => b.get("action") === action)?.get(lang) as string | undefined) ?? "";
}

export type ApprovalEdit =
  | { approval: Record<string, unknown> }
  | { child: "assignee" | "sla"; props: Record<string, unknown> }
  | { fieldAccess: { field: string; access: string } }
  | { buttonLabel: { action: string; lang: "zh" | "en"; text: string } };

const update = (element: DiagramElement, moddleElement: ModdleEl, properties: Record<string, unknown>): Command => ({
  cmd: "element.updateModdleProperties",
  context: { element, moddleElement, properties },
});

/** Create the approval extension (with defaults) if missing, then apply `edit`: one undo step. */
export function editApproval(injector: Injector, element: DiagramElement, edit: ApprovalEdit): void {
  const factory = injector.get<BpmnFactory>("bpmnFactory");
  const bo = element.businessObject;
  const commands: Command[] = [];
  const make = (type: string, attrs: Record<string, unknown>, parent: ModdleEl) => {
    const el = factory.create(type, attrs);
    el.$parent = parent;
    return el;
  };
  let approval = approvalOf(bo);
  if (!approval) {
    let ext = bo.get("extensionElements") as ModdleEl | undefined;
    if (!ext) {
      ext = make("bpmn:ExtensionElements", { values: [] }, bo);
      commands.push(update(element, bo, { extensionElements: ext }));
    }
    approval = make("niangjia:Approval", { ...DEFAULT_APPROVAL.approval }, ext);
    approval.set("assignee", make("niangjia:Assignee", { ...DEFAULT_APPROVAL.assignee }, approval));
    commands.push(update(element, ext, { values: [...many(ext, "values"), approval] }));
  }
  if ("approval" in edit) commands.push(update(element, approval, edit.approval));
  if ("child" in edit) {
    const existing = approval.get(edit.child) as ModdleEl | undefined;
    const type = edit.child === "assignee" ? "niangjia:Assignee" : "niangjia:Sla";
    commands.push(existing ? update(element, existing, edit.props) : update(element, approval, { [edit.child]: make(type, edit.props, approval) }));
  }
  if ("fieldAccess" in edit) {
    const { field, access } = edit.fieldAccess;
    const list = many(approval, "fieldPermissions");
    const existing = list.find((fp) => fp.get("field") === field);
    // 只读 is the default: like the form designer (workflows/bpmnFieldAccess.ts), only other settings are written.
    if (access === "readonly") commands.push(update(element, approval, { fieldPermissions: list.filter((fp) => fp !== existing) }));
    else commands.push(existing ? update(element, existing, { access }) : update(element, approval, { fieldPermissions: [...list, make("niangjia:FieldPermission", { field, access }, approval)] }));
  }
  if ("buttonLabel" in edit) {
    const { action, lang, text } = edit.buttonLabel;
    const list = many(approval, "buttonLabels");
    const existing = list.find((b) => b.get("action") === action);
    commands.push(existing ? update(element, existing, { [lang]: text || undefined }) : update(element, approval, { buttonLabels: [...list, make("niangjia:ButtonLabel", { action, [lang]: text }, approval)] }));
  }
  injector.get<CommandStack>("commandStack").execute("properties-panel.multi-command-executor", commands);
}

/** A sequence flow's FEEL condition (the body of its bpmn:conditionExpression). */
export function readCondition(bo: ModdleEl): string {
  const expr = bo.get("conditionExpression") as ModdleEl | undefined;
  return (expr?.get("body") as string | undefined) ?? "";
}

export function writeCondition(injector: Injector, element: DiagramElement, body: string): void {
  const modeling = injector.get<{ updateProperties(el: DiagramElement, props: Record<string, unknown>): void }>("modeling");
  const text = body.trim();
  if (!text) {
    modeling.updateProperties(element, { conditionExpression: undefined });
    return;
  }
  const expr = injector.get<BpmnFactory>("bpmnFactory").create("bpmn:FormalExpression", { body: text, language: "feel" });
  modeling.updateProperties(element, { conditionExpression: expr });
}
