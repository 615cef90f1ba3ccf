import { buildValidator, FORM_ERROR_KEY, type FormData, type ValidatorOptions } from "./buildValidator";
// The server judges region codes against the full national data; the browser never imports this file.
import "./regions/fullRegionData";
import type { FormSchema } from "./schema";

export type ValidationResult = { ok: true; data: FormData } | { ok: false; errors: Record<string, string> };

/**
 * The server's entry: validate a submission with the form's one validator and report the
 * first message per field key (a 明细表 cell's message names its row).
 */
export function validateSubmission(schema: FormSchema, input: unknown, options: ValidatorOptions): ValidationResult {
  const result = buildValidator(schema, options).safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : FORM_ERROR_KEY;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
