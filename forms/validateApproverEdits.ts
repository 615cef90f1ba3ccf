import { dequal } from "dequal";
import { FORM_ERROR_KEY, type FormData, type ValidatorOptions } from "./buildValidator";
import type { FieldAccessMap } from "./fieldAccess";
import { formMessage, localized } from "./messages";
import type { FormSchema } from "./schema";
import { validateSubmission } from "./validateSubmission";

export type ApproverEditsResult =
  | { ok: true; data: FormData; changed: string[] }
  | { ok: false; errors: Record<string, string> };


/**
 * An approver's changes to a case's data at one node. Only 可编辑 fields may be sent: a value for
 * a 只读 or 隐藏 field is refused with a field message (keys the form does not have are dropped,
 * as on submission). The edits are laid over the stored data and the whole is validated again by
 * the form's one validator, so rules and computed fields follow the change.
 */
export function validateApproverEdits(
  schema: FormSchema,
  stored: FormData,
  edits: unknown,
  access: FieldAccessMap,
  options: ValidatorOptions,
): ApproverEditsResult {
  if (typeof edits !== "object" || edits === null || Array.isArray(edits)) {
    return { ok: false, errors: { [FORM_ERROR_KEY]: formMessage(options.locale, "notAnObject") } };
  }
  const fields = new Map(schema.fields.map((f) => [f.key, f]));
  const errors: Record<string, string> = {};
  const allowed: FormData = {};
  for (const [key, value] of Object.entries(edits as Record<string, unknown>)) {
    const field = fields.get(key);
    if (!field) continue;
    if (access[key] === "editable") allowed[key] = value;
    else errors[key] = formMessage(options.locale, "notEditable", { label: localized(field.label, options.locale) });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const result = validateSubmission(schema, { ...stored, ...allowed }, options);
  if (!result.ok) return result;
  // Changed: what the approver edited and whatever followed from it (computed values, fields a
  // condition now hides), in form order.
  // Compared by value: stored jsonb comes back with its keys reordered.
  const changed = schema.fields.map((f) => f.key).filter((key) => !dequal(result.data[key], stored[key]));
  return { ok: true, data: result.data, changed };
}
