/**
 * A bpmn-js module that keeps the modeler inside the BPMN subset the engine runs
 * (DESIGN.md "Supported BPMN subset"): the palette, the context pad and the "change element"
 * menu offer only start, end (blank, terminate), user task, service task, exclusive and parallel
 * gateways, sequence flows (conditional, default), embedded sub-process and timers. A new user
 * task gets explicit default approval settings so the properties panel and the compiler agree.
 */
import CommandInterceptor from "diagram-js/lib/command/CommandInterceptor";
import { DEFAULT_APPROVAL } from "./niangjiaModdle";

type Entries = Record<string, unknown>;
type Shape = { type: string; businessObject: ModdleLike };
type ModdleLike = { $type: string; get(name: string): unknown; set(name: string, value: unknown): void; extensionElements?: ModdleLike; values?: ModdleLike[] };
type Injectable = { $inject?: string[] };

type Translate = (s: string) => string;
type ElementFactory = { createShape(attrs: Record<string, unknown>): Shape };
type BpmnFactory = { create(type: string, attrs?: Record<string, unknown>): ModdleLike };
type Create = { start(event: unknown, shape: Shape, context?: Record<string, unknown>): void };
type AutoPlace = { append(source: Shape, shape: Shape): void };

/** Palette: the supported elements plus the tools; everything else is removed. */
function SubsetPalette(this: unknown, palette: { registerProvider(p: number, provider: unknown): void }, create: Create, elementFactory: ElementFactory, bpmnFactory: BpmnFactory, translate: Translate) {
  const createAction = (type: string, group: string, className: string, title: string, extra: (bo: ModdleLike) => void = () => {}) => {
    const start = (event: unknown) => {
      const shape = elementFactory.createShape({ type });
      extra(shape.businessObject);
      create.start(event, shape);
    };
    return { group, className, title, action: { dragstart: start, click: start } };
  };
  const keep = new Set(["hand-tool", "lasso-tool", "space-tool", "global-connect-tool", "tool-separator", "create.start-event", "create.end-event", "create.exclusive-gateway", "create.subprocess-expanded"]);
  palette.registerProvider(500, {
    getPaletteEntries: () => (entries: Entries) => {
      const kept: Entries = {};
      for (const [id, entry] of Object.entries(entries)) if (keep.has(id)) kept[id] = entry;
      return {
        ...kept,
        "create.terminate-end-event": createAction("bpmn:EndEvent", "event", "bpmn-icon-end-event-terminate", translate("Create terminate end event"), (bo) => {
          bo.set("eventDefinitions", [bpmnFactory.create("bpmn:TerminateEventDefinition")]);
        }),
        "create.timer-event": createAction("bpmn:IntermediateCatchEvent", "event", "bpmn-icon-intermediate-event-catch-timer", translate("Create timer (drop on a task's edge for a timeout)"), (bo) => {
          bo.set("eventDefinitions", [bpmnFactory.create("bpmn:TimerEventDefinition")]);
        }),
        "create.parallel-gateway": createAction("bpmn:ParallelGateway", "gateway", "bpmn-icon-gateway-parallel", translate("Create parallel gateway")),
        "create.user-task": createAction("bpmn:UserTask", "activity", "bpmn-icon-user-task", translate("Create approval step (user task)")),
        "create.service-task": createAction("bpmn:ServiceTask", "activity", "bpmn-icon-service-task", translate("Create service task")),
      };
    },
  });
}
(SubsetPalette as Injectable).$inject = ["palette", "create", "elementFactory", "bpmnFactory", "translate"];

/** Context pad: append only supported elements; no annotations, lanes or intermediate events. */
function SubsetContextPad(this: unknown, contextPad: { registerProvider(p: number, provider: unknown): void }, elementFactory: ElementFactory, autoPlace: AutoPlace, create: Create, translate: Translate) {
  const drop = new Set([
    "append.intermediate-event",
    "append.append-task",
    "append.text-annotation",
    "append.receive-task",
    "append.message-intermediate-event",
    "append.timer-intermediate-event",
    "append.condition-intermediate-event",
    "append.signal-intermediate-event",
    "append.compensation-activity",
    "lane-insert-above",
    "lane-insert-below",
    "lane-divide-two",
    "lane-divide-three",
    "set-color",
  ]);
  const append = (type: string, className: string, title: string) => {
    const make = () => elementFactory.createShape({ type });
    return {
      group: "model",
      className,
      title,
      action: {
        click: (_event: unknown, element: Shape) => autoPlace.append(element, make()),
        dragstart: (event: unknown, element: Shape) => create.start(event, make(), { source: element }),
      },
    };
  };
  contextPad.registerProvider(500, {
    getContextPadEntries: () => (entries: Entries) => {
      const kept: Entries = {};
      for (const [id, entry] of Object.entries(entries)) if (!drop.has(id)) kept[id] = entry;
      if (!("append.end-event" in entries)) return kept;
      return {
        ...kept,
        "append.user-task": append("bpmn:UserTask", "bpmn-icon-user-task", translate("Append approval step (user task)")),
        "append.service-task": append("bpmn:ServiceTask", "bpmn-icon-service-task", translate("Append service task")),
        "append.parallel-gateway": append("bpmn:ParallelGateway", "bpmn-icon-gateway-parallel", translate("Append parallel gateway")),
      };
    },
  });
}
(SubsetContextPad as Injectable).$inject = ["contextPad", "elementFactory", "autoPlace", "create", "translate"];

/** "Change element" menu entries that stay inside the subset. */
const replaceable = new Set([
  "replace-with-none-start",
  "replace-with-none-end",
  "replace-with-terminate-end",
  "replace-with-user-task",
  "replace-with-service-task",
  "replace-with-exclusive-gateway",
  "replace-with-parallel-gateway",
  "replace-with-expanded-subprocess",
  "replace-with-collapsed-subprocess",
  "replace-with-subprocess",
  "replace-with-sequence-flow",
  "replace-with-default-flow",
  "replace-with-conditional-flow",
  "replace-with-timer-intermediate-catch",
  "replace-with-timer-boundary",
  "replace-with-non-interrupting-timer-boundary",
  "replace-with-error-boundary",
]);

function SubsetReplaceMenu(this: unknown, popupMenu: { registerProvider(id: string, p: number, provider: unknown): void }) {
  popupMenu.registerProvider("bpmn-replace", 500, {
    getPopupMenuEntries: () => (entries: Entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => replaceable.has(id))),
    // Loop, multi-instance and ad-hoc toggles: the approval mode (会签/依次) says this instead.
    getPopupMenuHeaderEntries: () => () => ({}),
  });
}
(SubsetReplaceMenu as Injectable).$inject = ["popupMenu"];

/** A user task created or changed into gets the default approval settings, in the same undo step. */
class DefaultApprovalBehavior extends CommandInterceptor {
  static $inject = ["eventBus", "bpmnFactory"];
  constructor(eventBus: unknown, bpmnFactory: BpmnFactory) {
    super(eventBus as never);
    const ensure = (shape: Shape | undefined) => {
      const bo = shape?.businessObject;
      if (!bo || (bo.$type !== "bpmn:UserTask" && bo.$type !== "bpmn:ManualTask")) return;
      const ext = bo.get("extensionElements") as ModdleLike | undefined;
      const values = (ext?.get("values") as ModdleLike[] | undefined) ?? [];
      if (values.some((v) => v.$type === "niangjia:Approval")) return;
      const assignee = bpmnFactory.create("niangjia:Assignee", { ...DEFAULT_APPROVAL.assignee });
      const approval = bpmnFactory.create("niangjia:Approval", { ...DEFAULT_APPROVAL.approval, assignee });
      (assignee as unknown as { $parent: unknown }).$parent = approval;
      if (ext) {
        (approval as unknown as { $parent: unknown }).$parent = ext;
        ext.set("values", [...values, approval]);
      } else {
        const created = bpmnFactory.create("bpmn:ExtensionElements", { values: [approval] });
        (approval as unknown as { $parent: unknown }).$parent = created;
        (created as unknown as { $parent: unknown }).$parent = bo;
        bo.set("extensionElements", created);
      }
    };
    // The business object of a shape being created (palette, append, replace) is fresh and in no
    // undo history yet, so setting its extension before the create runs is undone with it.
    this.preExecute("shape.create", (event: { context: { shape?: Shape } }) => ensure(event.context.shape));
  }
}

export const subsetModule = {
  __init__: ["subsetPalette", "subsetContextPad", "subsetReplaceMenu", "defaultApprovalBehavior"],
  subsetPalette: ["type", SubsetPalette],
  subsetContextPad: ["type", SubsetContextPad],
  subsetReplaceMenu: ["type", SubsetReplaceMenu],
  defaultApprovalBehavior: ["type", DefaultApprovalBehavior],
};
