import BpmnModdle, { type ModdleElement } from "bpmn-moddle";
import { z } from "zod";
import { fieldKeySchema } from "../forms/fieldDef";
import niangjiaDescriptor from "./moddle/niangjia.json";
import type { Localized } from "./types";

/**
 * Field permissions per approval node (可编辑 / 只读 / 隐藏) live on each userTask of the BPMN, as
 * `niangjia:fieldPermission` entries of its `niangjia:approval` (the modeler edits them there, the
 * compiler reads them into ApprovalSpec.fieldPermissions). The form designer edits the same
 * entries through this function. 只读 is the default, so only other settings are written.
 */
export type FieldAccess = "editable" | "readonly" | "hidden";
export type FieldAccessMatrix = Record<string, Record<string, FieldAccess>>;

export const fieldAccessMatrixSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/),
  z.record(fieldKeySchema, z.enum(["editable", "readonly", "hidden"])),
);

export type FieldAccessProblem = { path: string; code: string; message: Localized };

type El = ModdleElement & Record<string, unknown>;
type Moddle = BpmnModdle & {
  create: (type: string, attrs?: Record<string, unknown>) => El;
  toXML: (element: unknown, options?: { format?: boolean }) => Promise<{ xml: string }>;
};

const list = (v: unknown): El[] => (Array.isArray(v) ? (v as El[]) : []);

/** User tasks (and manual tasks, run as user tasks) anywhere in the diagram, by id. */
function approvalNodes(root: El): Map<string, El> {
  const found = new Map<string, El>();
  const visit = (container: El) => {
    for (const el of list(container.flowElements)) {
      if ((el.$type === "bpmn:UserTask" || el.$type === "bpmn:ManualTask") && typeof el.id === "string") found.set(el.id, el);
      if (el.$type === "bpmn:SubProcess") visit(el);
    }
  };
  for (const el of list(root.rootElements)) if (el.$type === "bpmn:Process") visit(el);
  return found;
}

export type SetFieldAccessResult = { ok: true; xml: string } | { ok: false; problems: FieldAccessProblem[] };

/** Replace the field permissions of the nodes named in `matrix`; nodes not named keep theirs. */
export async function setFieldAccessInBpmn(xml: string, matrix: FieldAccessMatrix): Promise<SetFieldAccessResult> {
  const moddle = new BpmnModdle({ niangjia: niangjiaDescriptor }) as Moddle;
  let root: El;
  try {
    root = (await moddle.fromXML(xml)).rootElement as El;
  } catch (err) {
    return { ok: false, problems: [{ path: "fieldAccess", code: "bpmn_unreadable", message: { zh: `流程文件无法读取：${(err as Error).message}`, en: `The flow cannot be read: ${(err as Error).message}` } }] };
  }
  const nodes = approvalNodes(root);
  const problems: FieldAccessProblem[] = [];
  for (const [nodeId, fields] of Object.entries(matrix)) {
    const node = nodes.get(nodeId);
    if (!node) {
      problems.push({ path: `fieldAccess.${nodeId}`, code: "unknown_node", message: { zh: `流程中没有审批节点 "${nodeId}"`, en: `The flow has no approval node "${nodeId}"` } });
      continue;
    }
    const ext = node.extensionElements as El | undefined;
    const approval = list(ext?.values).find((v) => v.$type === "niangjia:Approval");
    if (!approval) {
      problems.push({ path: `fieldAccess.${nodeId}`, code: "node_without_approval", message: { zh: `审批节点 "${nodeId}" 还没有审批人设置，请先在流程中设置`, en: `Approval node "${nodeId}" has no approver settings yet; set them under Flow first` } });
      continue;
    }
    approval.fieldPermissions = Object.entries(fields)
      .filter(([, access]) => access !== "readonly")
      .map(([field, access]) => {
        const fp = moddle.create("niangjia:FieldPermission", { field, access });
        fp.$parent = approval;
        return fp;
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, xml: (await moddle.toXML(root, { format: true })).xml };
}
