import type { CompiledForm } from "./compileForm";
import { evaluateFeel, feelIsTrue, type FeelContext } from "./feel";

/** Where a form stands for given input: what is shown, required, read-only, and computed. */
export type FormState = {
  hidden: Set<string>;
  required: Set<string>;
  readonly: Set<string>;
  /**
   * Each value field's normalized value as FEEL sees it: null when empty, invalid or hidden;
   * computed fields recomputed. Never raw input, so FEEL never sees a 1 MB string or an object where a number belongs.
   */
  values: Record<string, unknown>;
};

/** Input's own property only: a field keyed `constructor` must not read Object's. */
export function ownValue(input: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(input, key) ? input[key] : undefined;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/**
 * Evaluate hiddenIf / requiredIf / readonlyIf and computed expressions. Hiding can cascade
 * (a hidden field's value no longer counts, which may hide another), so visibility is iterated
 * to a fixed point; a form whose conditions contradict each other stops after one round per field.
 */
export function evaluateFormState(form: CompiledForm, input: Record<string, unknown>): FormState {
  const parsed: Record<string, unknown> = {};
  for (const f of form.fields) {
    if (!f.valueSchema || f.fieldType.valueKind === "computed") continue;
    const raw = ownValue(input, f.def.key);
    if (f.isEmpty(raw)) {
      parsed[f.def.key] = f.fieldType.emptyValue;
      continue;
    }
    const result = f.valueSchema.safeParse(raw);
    parsed[f.def.key] = result.success ? result.data : f.feelValue(raw);
  }

  let hidden = new Set<string>();
  let values: FeelContext = {};
  for (let round = 0; round <= form.fields.length; round++) {
    values = {};
    for (const f of form.fields) {
      if (!f.valueSchema) continue;
      if (f.fieldType.valueKind === "computed") {
        const expression = (f.def as { expression: string }).expression;
        const result = evaluateFeel(expression, values);
        const computed = f.valueSchema.safeParse(result.ok ? result.value : null);
        values[f.def.key] = hidden.has(f.def.key) || !computed.success ? null : computed.data;
      } else {
        values[f.def.key] = hidden.has(f.def.key) ? null : parsed[f.def.key];
      }
    }
    const nextHidden = new Set<string>();
    for (const f of form.fields) {
      const ownHidden = f.def.hiddenIf !== undefined && feelIsTrue(f.def.hiddenIf, values);
      if (ownHidden || (f.groupKey !== null && nextHidden.has(f.groupKey))) nextHidden.add(f.def.key);
    }
    const stable = sameSet(hidden, nextHidden);
    hidden = nextHidden;
    if (stable) break;
  }

  const required = new Set<string>();
  const readonly = new Set<string>();
  for (const f of form.fields) {
    if (hidden.has(f.def.key)) continue;
    const isRequired = f.fieldType.alwaysRequired || f.def.required === true || (f.def.requiredIf !== undefined && feelIsTrue(f.def.requiredIf, values));
    if (isRequired && f.valueSchema && f.fieldType.valueKind !== "computed") required.add(f.def.key);
    if (f.def.readonlyIf !== undefined && feelIsTrue(f.def.readonlyIf, values)) readonly.add(f.def.key);
  }
  return { hidden, required, readonly, values };
}
