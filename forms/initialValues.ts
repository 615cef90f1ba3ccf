import type { CompiledForm } from "./compileForm";
import { ownValue } from "./formState";

/**
 * What a renderer starts with: saved values (a draft, a returned case) over each field's
 * `default`, over the type's empty value. Computed and valueless fields are left out.
 */
export function initialValues(form: CompiledForm, saved: Record<string, unknown> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of form.fields) {
    const kind = f.fieldType.valueKind;
    if (kind === "none" || kind === "computed") continue;
    const savedValue = ownValue(saved, f.def.key);
    values[f.def.key] = savedValue !== undefined ? savedValue : f.def.default !== undefined ? f.def.default : f.fieldType.initialValue ? f.fieldType.initialValue(f.def) : f.fieldType.emptyValue;
  }
  return values;
}
