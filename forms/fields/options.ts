import { z } from "zod";
import { optionSchema, type FieldOption } from "../fieldDef";
import type { SchemaProblem } from "../fieldType";
import { localized, type Locale } from "../messages";

/** Shared by select, radio and checkbox: a non-empty list of uniquely-valued options. */
export const optionsProp = z.array(optionSchema).min(1, "至少需要一个选项 / at least one option").max(500);

export function duplicateOptionProblems(options: FieldOption[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  options.forEach((o, i) => {
    if (seen.has(o.value)) problems.push({ path: ["options", i, "value"], code: "duplicate_option", message: `选项值重复 / duplicate option value "${o.value}"` });
    seen.add(o.value);
  });
  return problems;
}

export function optionLabel(options: FieldOption[], value: unknown, locale: Locale): string {
  const option = options.find((o) => o.value === value);
  return option ? localized(option.label, locale) : typeof value === "string" ? value : "";
}
