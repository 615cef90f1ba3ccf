import { getFieldType } from "./fieldRegistry";
import type { FormSchema } from "./schema";

/**
 * What an approval node may do with each field: 可编辑 (editable), 只读 (readonly), 隐藏 (hidden).
 * The entries are kept on the flow's user task (decision 006: `niangjia:fieldPermission`, compiled
 * into ApprovalSpec.fieldPermissions); this module is what they mean for a form.
 */
export type FieldAccess = "editable" | "readonly" | "hidden";

export type FieldAccessMap = Record<string, FieldAccess>;

/** The default for a field a node does not mention. */
export const DEFAULT_FIELD_ACCESS: FieldAccess = "readonly";

/**
 * Resolve a node's entries into an access for every field of the form, in form order:
 * - a field the node does not name is 只读;
 * - a section heading's (group's) entry applies to the fields under it that have none of their own;
 * - computed fields are never editable (they are recomputed), static text and headings never editable;
 * - entries naming fields the form does not have are ignored.
 */
export function fieldAccessFor(schema: FormSchema, nodeEntries: Readonly<Record<string, string>> = {}): FieldAccessMap {
  const own = (key: string): FieldAccess | undefined => {
    const value = Object.prototype.hasOwnProperty.call(nodeEntries, key) ? nodeEntries[key] : undefined;
    return value === "editable" || value === "readonly" || value === "hidden" ? value : undefined;
  };
  const access: FieldAccessMap = {};
  let groupAccess: FieldAccess | undefined;
  let groupPage: string | undefined;
  for (const field of schema.fields) {
    const kind = getFieldType(field.type)?.valueKind;
    if (field.type === "group") {
      groupAccess = own(field.key);
      groupPage = field.page;
      access[field.key] = groupAccess === "hidden" ? "hidden" : "readonly";
      continue;
    }
    if (field.page !== groupPage) groupAccess = undefined; // a section never spans pages
    const resolved = own(field.key) ?? groupAccess ?? DEFAULT_FIELD_ACCESS;
    const cannotEdit = kind === "computed" || kind === "none" || kind === undefined;
    access[field.key] = resolved === "editable" && cannotEdit ? "readonly" : resolved;
  }
  return access;
}

/** The keys a node may change. */
export function editableKeys(access: FieldAccessMap): string[] {
  return Object.entries(access).filter(([, a]) => a === "editable").map(([k]) => k);
}

/** Case data without the fields the node must not see: what may be sent to that approver's browser. */
export function visibleData(data: Record<string, unknown>, access: FieldAccessMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => access[key] !== "hidden"));
}
