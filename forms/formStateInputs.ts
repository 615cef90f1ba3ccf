import type { CompiledForm } from "./compileForm";
import { feelReferencedNames, feelSyntaxProblem } from "./feel";

/**
 * The fields whose values can change what evaluateFormState returns: every name a hiddenIf,
 * requiredIf, readonlyIf or computed expression reads. Computed expressions are all included,
 * so a condition on a computed field reaches what that field is computed from. A key pressed in
 * any other field changes no condition, so the renderer need not re-evaluate the form for it.
 * null when an expression does not parse (then every field counts).
 */
export function formStateInputs(form: CompiledForm): string[] | null {
  const keys = new Set(form.fields.map((f) => f.def.key));
  const inputs = new Set<string>();
  for (const { def } of form.fields) {
    const expressions = [def.hiddenIf, def.requiredIf, def.readonlyIf, def.type === "computed" ? def.expression : undefined];
    for (const expression of expressions) {
      if (expression === undefined) continue;
      if (feelSyntaxProblem(expression)) return null;
      for (const name of feelReferencedNames(expression)) if (keys.has(name)) inputs.add(name);
    }
  }
  return [...inputs];
}
