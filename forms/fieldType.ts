import type { z } from "zod";
import type { FieldDefBase } from "./fieldDef";
import type { FileLookup } from "./fields/upload";
import type { ApproverCandidates } from "./fields/approverPicker";
import type { Locale, MessageKey, MessageParams } from "./messages";

/** What a field stores; "none" fields (static text, section headings) store nothing. */
export type ValueKind = "string" | "number" | "boolean" | "date" | "stringList" | "object" | "rows" | "files" | "consent" | "computed" | "none";

/** Value kinds a 明细表 column may have: one cell, one simple value. */
export const CELL_VALUE_KINDS: readonly ValueKind[] = ["string", "number", "boolean", "date", "stringList"];

/** Which widget a renderer should use; renderers fall back to a text input for widgets they do not know. */
export type Widget =
  | "input" | "textarea" | "number" | "money" | "date" | "select" | "radio" | "checkbox"
  | "switch" | "static" | "group" | "consent" | "computed"
  | "dateTime" | "dateRange" | "checklist" | "region" | "table" | "signature" | "upload" | "approverPicker";

export type RendererHint = {
  widget: Widget;
  /** Several controls named together (aria-labelledby), not one control a <label for> can point at. */
  group?: boolean;
  /** Which keyboard a phone shows. */
  inputMode?: "text" | "numeric" | "decimal" | "tel" | "email";
  autoComplete?: string;
};

export type FieldZodContext = {
  locale: Locale;
  now: Date;
  /** The field's label in `locale`, for messages that name the field. */
  label: string;
  /** A localized message naming this field. */
  message: (key: MessageKey, params?: MessageParams) => string;
  /** On the server: the uploaded files the submitter may use (upload fields check ids against it). */
  files?: FileLookup;
  /** On the server: whom the applicant may pick as approver (approver pickers check ids against it). */
  people?: ApproverCandidates;
};

export type SchemaProblem = { path: (string | number)[]; code: string; message: string };

/**
 * One field type: everything the core needs to parse its definition, validate its value
 * and tell a renderer how to show it. Upload, signature, region cascade and detail tables
 * plug in the same way (a file in `fields/`, then `registerFieldType`).
 */
export interface FieldType<D extends FieldDefBase = FieldDefBase> {
  type: string;
  valueKind: ValueKind;
  /** Stored when the field is visible but left empty; also the renderer's initial value. */
  emptyValue: unknown;
  /** Type-specific definition properties, added to the common ones in the meta-schema. */
  props: z.ZodRawShape;
  /** Validates and normalizes a non-empty submitted value (emptiness and `required` are handled by the caller). */
  buildZod: (field: D, ctx: FieldZodContext) => z.ZodType;
  /** Defaults to: undefined, null, a blank string or an empty list. */
  isEmpty?: (value: unknown, field: D) => boolean;
  /** Consent must be given whenever the field is shown, `required` or not. */
  alwaysRequired?: boolean;
  /** The message for a required field left empty, when "请填写…" does not fit (uploads: "请上传…"). */
  requiredMessage?: MessageKey;
  /** Semantic checks of a definition beyond its shape (min ≤ max, unique options...). */
  checkDef?: (field: D) => SchemaProblem[];
  /**
   * What FEEL sees while the value does not validate (null by default). A 明细表 keeps its good
   * cells, so totals stay live while one row is still being typed.
   */
  buildFeelValue?: (field: D, ctx: FieldZodContext) => (raw: unknown) => unknown;
  /** What a renderer starts with when there is no default (emptyValue otherwise): a 明细表's minRows blank rows. */
  initialValue?: (field: D) => unknown;
  /** Names a FEEL filter over this field's value may read besides field keys (a 明细表's column keys). */
  innerNames?: (field: D) => string[];
  /** Human-readable value for read-only views. */
  display?: (value: unknown, field: D, locale: Locale) => string;
  /** A personal number (身份证号, 手机号, 银行卡号): encrypted at rest, masked unless revealed (docs/decisions/*-sensitive-fields.md). */
  sensitive?: SensitiveValue;
  hint: RendererHint;
}

/** How a sensitive type's value is masked, and which search words could be such a value. */
export type SensitiveValue = {
  /** The value as lists and pages show it by default: 138****5678. */
  mask: (value: string) => string;
  /** A search word as this type would store it, or null when it cannot be one (only those are hashed). */
  normalizeQuery: (word: string) => string | null;
};

/** Variance of `buildZod`'s parameter forbids a plain upcast; each type only ever sees its own definitions. */
export function defineFieldType<D extends FieldDefBase>(fieldType: FieldType<D>): FieldType {
  return fieldType as unknown as FieldType;
}

const CHOICE_WIDGETS: readonly Widget[] = ["select", "radio", "checkbox", "date", "dateTime", "dateRange", "region"];

/** What a required field left empty says: the type's own message, 请选择… for choices and dates, else 请填写…. */
export function requiredMessageKey(fieldType: FieldType): MessageKey {
  if (fieldType.requiredMessage) return fieldType.requiredMessage;
  if (fieldType.valueKind === "consent") return "consentRequired";
  return CHOICE_WIDGETS.includes(fieldType.hint.widget) ? "requiredChoice" : "required";
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}
