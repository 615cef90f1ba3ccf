import { z } from "zod";
import { compileForm, type CompiledForm } from "./compileForm";
import { evaluateFeel, feelIsTrue, feelReferencedNames } from "./feel";
import { evaluateFormState, ownValue } from "./formState";
import { requiredMessageKey } from "./fieldType";
import { formMessage, localized, type Locale } from "./messages";
import type { FileLookup } from "./fields/upload";
import type { ApproverCandidates } from "./fields/approverPicker";
import type { FormSchema } from "./schema";

export type ValidatorOptions = {
  locale: Locale;
  /** Clock for "today" bounds and birth dates; defaults to the time of each validation. */
  now?: Date;
  /** Server only: the uploaded files the submitter may use; without it upload fields check shape only. */
  files?: FileLookup;
  /** Server only: whom the applicant may pick in approver pickers; without it they check shape only. */
  people?: ApproverCandidates;
  /**
   * Browser only: fields this viewer may not see (an approval node's 隐藏). Their values were never
   * sent, so they are neither checked nor output, nor are rules that read them; the server judges
   * the whole case.
   */
  ignore?: ReadonlySet<string>;
};

export type FormData = Record<string, unknown>;

/** Key for errors that belong to no single field. */
export const FORM_ERROR_KEY = "_form";

/** `path` points inside a field's value (a 明细表 cell: row index, column key). */
type FieldIssue = { key: string; path?: PropertyKey[]; message: string };

/** Enough cell messages to show what is wrong in a big table without echoing thousands. */
const MAX_ISSUES_PER_FIELD = 50;

function valueIssues(key: string, issues: readonly z.core.$ZodIssue[], fallback: string): FieldIssue[] {
  const inside = issues.filter((i) => i.path.length > 0).slice(0, MAX_ISSUES_PER_FIELD);
  if (inside.length > 0) return inside.map((i) => ({ key, path: i.path, message: i.message }));
  return [{ key, message: issues[0]?.message ?? fallback }];
}

/** A rule fails when its assertion is false or cannot be evaluated; null (an input is missing) passes. */
function ruleFails(assert: string, values: Record<string, unknown>): boolean {
  const result = evaluateFeel(assert, values);
  return !result.ok || (result.value !== true && result.value !== null);
}

function validateCompiled(form: CompiledForm, input: unknown, ignore: ReadonlySet<string> = new Set()): { data: FormData; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { data: {}, issues: [{ key: FORM_ERROR_KEY, message: formMessage(form.locale, "notAnObject") }] };
  }
  const values = input as Record<string, unknown>;
  const state = evaluateFormState(form, values);
  const data: FormData = {};

  for (const f of form.fields) {
    const key = f.def.key;
    if (!f.valueSchema || state.hidden.has(key) || ignore.has(key)) continue; // hidden values are neither checked nor kept
    if (f.fieldType.valueKind === "computed") {
      data[key] = state.values[key]; // recomputed: whatever the client sent is ignored
      continue;
    }
    const raw = ownValue(values, key);
    if (f.isEmpty(raw)) {
      if (state.required.has(key)) {
        const label = localized(f.def.label, form.locale);
        issues.push({ key, message: formMessage(form.locale, requiredMessageKey(f.fieldType), { label }) });
      }
      data[key] = f.fieldType.emptyValue;
      continue;
    }
    const parsed = f.valueSchema.safeParse(raw);
    if (parsed.success) data[key] = parsed.data;
    else issues.push(...valueIssues(key, parsed.error.issues, formMessage(form.locale, "wrongType", { label: localized(f.def.label, form.locale) })));
  }

  const keysWithIssues = new Set(issues.map((i) => i.key));
  const shownKeys = new Set(Object.keys(data));
  for (const rule of form.schema.rules ?? []) {
    const reads = feelReferencedNames(rule.assert);
    // Judging a rule on a value that is already wrong would only repeat the error in other words.
    if (reads.some((k) => keysWithIssues.has(k) || ignore.has(k))) continue;
    if (rule.when !== undefined && !feelIsTrue(rule.when, state.values)) continue;
    if (!ruleFails(rule.assert, state.values)) continue;
    const key = reads.find((k) => shownKeys.has(k)) ?? FORM_ERROR_KEY;
    issues.push({ key, message: localized(rule.message, form.locale) });
  }
  return { data, issues };
}

/**
 * The one validator of a form: zodResolver uses it in the browser, the server runs it on
 * submit. Its output is the data to store: visible fields only, normalized (trimmed,
 * uppercased ID numbers, money to the fen), computed fields recomputed, unknown keys gone.
 * Issues carry the field key as their path.
 */
export function buildValidator(schema: FormSchema, options: ValidatorOptions): z.ZodType<FormData, FormData> {
  return validatorOf(compileForm(schema, options), options);
}

/** The same validator over a form the caller compiled already (the renderer compiles it once for both). */
export function validatorOf(form: CompiledForm, options: Pick<ValidatorOptions, "ignore">): z.ZodType<FormData, FormData> {
  const validator = z.unknown().transform((input, ctx) => {
    const { data, issues } = validateCompiled(form, input, options.ignore);
    for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: [issue.key, ...(issue.path ?? [])], input });
    return issues.length > 0 ? z.NEVER : data;
  });
  // The input is really `unknown` (anything may be posted); typed as form values for react-hook-form.
  return validator as unknown as z.ZodType<FormData, FormData>;
}
