import { z } from "zod";
import { feelCalledNames, feelFunctionExists, feelReferencedNames, feelSyntaxProblem } from "./feel";
import { commonFieldShape, feelExpressionSchema, localizedLongTextSchema, localizedTextSchema, type LocalizedText } from "./fieldDef";
import { getFieldType } from "./fieldRegistry";
import type { FieldType, SchemaProblem } from "./fieldType";
import type {
  AddressFieldDef, BankCardFieldDef, CheckboxFieldDef, ChecklistFieldDef, DateRangeFieldDef, DateTimeFieldDef, ComputedFieldDef, ConsentFieldDef, CreditCodeFieldDef, DateFieldDef,
  EmailFieldDef, GroupFieldDef, IdNumberFieldDef, MobileFieldDef, MoneyFieldDef, NumberFieldDef, RadioFieldDef,
  RegionFieldDef, SelectFieldDef, SignatureFieldDef, StaticFieldDef, SwitchFieldDef, TableFieldDef, TextareaFieldDef, TextFieldDef, UploadFieldDef, ApproverPickerFieldDef,
} from "./fields";
import { fieldMessageContext } from "./fieldMessageContext";
import { isBlank } from "./fieldType";

/**
 * The versioned form format. A form is JSON an admin designs in the studio (or a plugin
 * ships); it is parsed against this meta-schema, then checked for meaning, before it can
 * be published. A published form is immutable: a new format gets a new `schemaVersion`.
 */
export const CURRENT_SCHEMA_VERSION = 1;

export type FieldDef =
  | TextFieldDef | TextareaFieldDef | NumberFieldDef | MoneyFieldDef | DateFieldDef | SelectFieldDef
  | RadioFieldDef | CheckboxFieldDef | SwitchFieldDef | IdNumberFieldDef | MobileFieldDef | EmailFieldDef
  | CreditCodeFieldDef | BankCardFieldDef | StaticFieldDef | GroupFieldDef | ConsentFieldDef | ComputedFieldDef
  | UploadFieldDef
  | RegionFieldDef | TableFieldDef | SignatureFieldDef | DateTimeFieldDef | DateRangeFieldDef | AddressFieldDef | ChecklistFieldDef
  | ApproverPickerFieldDef;

export type FormPage = { id: string; title: LocalizedText };

/** A form-level check across fields, e.g. `when: "hasChildren"`, `assert: "childCount >= 1"`. */
export type FormRule = { when?: string; assert: string; message: LocalizedText };

export type FormSchema = {
  schemaVersion: 1;
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  pages?: FormPage[];
  fields: FieldDef[];
  rules?: FormRule[];
};

/** `path` is dotted (`fields.3.label.zh`) so that a CLI line or a studio tooltip can show it as is. */
export type FormSchemaProblem = { path: string; code: string; message: string };

export type ParseFormSchemaResult = { ok: true; schema: FormSchema } | { ok: false; problems: FormSchemaProblem[] };

export const MAX_FIELDS = 500;

export const envelopeSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "表单 id 只能含字母、数字、_ . - / id may use letters, digits, _ . -"),
  title: localizedTextSchema,
  description: localizedLongTextSchema.optional(),
  pages: z.array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), title: localizedTextSchema })).max(50).optional(),
  fields: z.array(z.unknown()).max(MAX_FIELDS),
  rules: z.array(z.strictObject({ when: feelExpressionSchema.optional(), assert: feelExpressionSchema, message: localizedTextSchema })).max(200).optional(),
});

const fieldSchemas = new WeakMap<FieldType, z.ZodType>();

/** The meta-schema of one field type's definitions: the common props plus the type's own. */
export function fieldDefSchema(fieldType: FieldType): z.ZodType {
  let schema = fieldSchemas.get(fieldType);
  if (!schema) {
    schema = z.strictObject({ ...commonFieldShape, ...fieldType.props, type: z.literal(fieldType.type) });
    fieldSchemas.set(fieldType, schema);
  }
  return schema;
}

const ISSUE_HINTS: Record<string, string> = {
  invalid_type: "类型不正确",
  unrecognized_keys: "有未知的属性",
  too_small: "太短或太小",
  too_big: "太长或太大",
  invalid_value: "取值无效",
  invalid_format: "格式不正确",
  invalid_union: "不符合任何允许的形式",
  custom: "不符合要求",
};

function dotted(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join(".");
}

function problemsFromIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): FormSchemaProblem[] {
  return issues.map((issue) => {
    const path = dotted([...prefix, ...issue.path]);
    // Our own messages are already bilingual ("中文 / English"); zod's defaults get a Chinese hint.
    const message = issue.message.includes(" / ") ? issue.message : `${ISSUE_HINTS[issue.code] ?? "不正确"} / ${issue.message}`;
    return { path, code: issue.code, message };
  });
}

function parseField(raw: unknown, index: number): { field?: FieldDef; problems: FormSchemaProblem[] } {
  const at = ["fields", index];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { problems: [{ path: dotted(at), code: "invalid_type", message: "字段必须是对象 / a field must be an object" }] };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== "string") {
    return { problems: [{ path: dotted([...at, "type"]), code: "invalid_type", message: "字段缺少类型 / a field needs a type" }] };
  }
  const fieldType = getFieldType(type);
  if (!fieldType) {
    return { problems: [{ path: dotted([...at, "type"]), code: "unknown_field_type", message: `未知的字段类型 / unknown field type "${type.slice(0, 64)}"` }] };
  }
  const result = fieldDefSchema(fieldType).safeParse(raw);
  if (!result.success) return { problems: problemsFromIssues(result.error.issues, at) };
  return { field: result.data as FieldDef, problems: [] };
}

/** Parse form JSON into a checked FormSchema. Never throws, whatever `json` is. */
export function parseFormSchema(json: unknown): ParseFormSchemaResult {
  try {
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) return { ok: false, problems: problemsFromIssues(envelope.error.issues) };
    const fields: FieldDef[] = [];
    const problems: FormSchemaProblem[] = [];
    envelope.data.fields.forEach((raw, i) => {
      const parsed = parseField(raw, i);
      problems.push(...parsed.problems);
      if (parsed.field) fields.push(parsed.field);
    });
    if (problems.length > 0) return { ok: false, problems };
    const schema = { ...envelope.data, fields } as FormSchema;
    const meaning = checkFormSchema(schema);
    return meaning.length > 0 ? { ok: false, problems: meaning } : { ok: true, schema };
  } catch (err) {
    // A hostile object (throwing getters, proxies) must not crash a publish or the CLI.
    return { ok: false, problems: [{ path: "", code: "unreadable", message: `无法读取表单 / cannot read form: ${(err as Error)?.message ?? String(err)}` }] };
  }
}

/** Keys of the fields that hold a value FEEL can read (not static text or headings). */
export function valueFieldKeys(schema: FormSchema): Set<string> {
  return new Set(schema.fields.filter((f) => getFieldType(f.type)?.valueKind !== "none").map((f) => f.key));
}

type Expression = { path: (string | number)[]; source: string };

function expressionsOf(schema: FormSchema): Expression[] {
  const found: Expression[] = [];
  schema.fields.forEach((field, i) => {
    for (const prop of ["requiredIf", "hiddenIf", "readonlyIf"] as const) {
      const source = field[prop];
      if (source !== undefined) found.push({ path: ["fields", i, prop], source });
    }
    if (field.type === "computed") found.push({ path: ["fields", i, "expression"], source: field.expression });
  });
  schema.rules?.forEach((rule, i) => {
    if (rule.when !== undefined) found.push({ path: ["rules", i, "when"], source: rule.when });
    found.push({ path: ["rules", i, "assert"], source: rule.assert });
  });
  return found;
}

function defaultValueProblems(field: FieldDef, fieldType: FieldType, index: number): SchemaProblem[] {
  if (field.default === undefined || fieldType.valueKind === "none" || fieldType.valueKind === "computed") return [];
  const empty = fieldType.isEmpty ? fieldType.isEmpty(field.default, field) : isBlank(field.default);
  if (empty) return [];
  const parsed = fieldType.buildZod(field, fieldMessageContext(field, "zh", new Date())).safeParse(field.default);
  return parsed.success
    ? []
    : [{ path: ["fields", index, "default"], code: "invalid_default", message: `默认值无效 / invalid default: ${parsed.error.issues[0]?.message ?? ""}` }];
}

/**
 * What the meta-schema cannot see: duplicate keys and pages, FEEL that does not parse or reads
 * fields that do not exist, computed fields read before they are computed, and each type's
 * own checks (min ≤ max, unique options, a valid default).
 */
export function checkFormSchema(schema: FormSchema): FormSchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seenKeys = new Set<string>();
  schema.fields.forEach((field, i) => {
    if (seenKeys.has(field.key)) problems.push({ path: ["fields", i, "key"], code: "duplicate_key", message: `字段键名重复 / duplicate field key "${field.key}"` });
    seenKeys.add(field.key);
  });

  const pageIds = new Set<string>();
  schema.pages?.forEach((page, i) => {
    if (pageIds.has(page.id)) problems.push({ path: ["pages", i, "id"], code: "duplicate_page", message: `页面 id 重复 / duplicate page id "${page.id}"` });
    pageIds.add(page.id);
  });
  schema.fields.forEach((field, i) => {
    if (field.page !== undefined && !pageIds.has(field.page)) {
      problems.push({ path: ["fields", i, "page"], code: "unknown_page", message: `字段所在页面不存在 / unknown page "${field.page}"` });
    }
  });

  const valueKeys = valueFieldKeys(schema);
  // Inside a filter over a 明细表 (`members[age < 18]`) its column keys are names too.
  for (const field of schema.fields) for (const name of getFieldType(field.type)?.innerNames?.(field) ?? []) valueKeys.add(name);
  for (const { path, source } of expressionsOf(schema)) {
    const syntax = feelSyntaxProblem(source);
    if (syntax) {
      problems.push({ path, code: "feel_syntax", message: `表达式语法错误 / FEEL syntax error at ${syntax.from}: ${source}` });
      continue;
    }
    for (const name of feelReferencedNames(source)) {
      if (!valueKeys.has(name)) problems.push({ path, code: "unknown_reference", message: `表达式引用了不存在的字段 / expression reads unknown field "${name}"` });
    }
    for (const name of feelCalledNames(source)) {
      if (!feelFunctionExists(name)) problems.push({ path, code: "unknown_function", message: `表达式调用了不存在的函数 / expression calls unknown function "${name}"` });
    }
  }

  // Computed fields are evaluated in order, so each may read only computed fields above it.
  const computedKeys = schema.fields.filter((f) => f.type === "computed").map((f) => f.key);
  schema.fields.forEach((field, i) => {
    if (field.type !== "computed") return;
    const later = computedKeys.slice(computedKeys.indexOf(field.key));
    for (const name of feelReferencedNames(field.expression)) {
      if (later.includes(name)) problems.push({ path: ["fields", i, "expression"], code: "computed_order", message: `计算字段只能引用在它之前的计算字段 / computed field reads "${name}", which is not computed before it` });
    }
  });

  schema.fields.forEach((field, i) => {
    const fieldType = getFieldType(field.type);
    if (!fieldType) return;
    const own = fieldType.checkDef?.(field) ?? [];
    problems.push(...own.map((p) => ({ ...p, path: ["fields", i, ...p.path] })));
    problems.push(...defaultValueProblems(field, fieldType, i));
  });

  return problems.map((p) => ({ path: dotted(p.path), code: p.code, message: p.message }));
}
