import { z } from "zod";

/**
 * The properties every field has, whatever its type. Type-specific properties live beside
 * each type in `fields/<type>.ts`; the meta-schema is this shape extended by the type's.
 */
export const localizedTextSchema = z.strictObject({
  zh: z.string().trim().min(1, "中文文本不能为空 / Chinese text is required").max(2000),
  en: z.string().trim().max(2000).default(""),
});

/** Long texts (declarations, explanations) may be longer than labels. */
export const localizedLongTextSchema = z.strictObject({
  zh: z.string().trim().min(1, "中文文本不能为空 / Chinese text is required").max(20000),
  en: z.string().trim().max(20000).default(""),
});

/** A FEEL expression written by an admin; syntax is checked separately by checkFormSchema. */
export const feelExpressionSchema = z.string().trim().min(1, "表达式不能为空 / expression is empty").max(2000);

/** FEEL words a key must not shadow. */
const FEEL_RESERVED = new Set([
  "true", "false", "null", "and", "or", "not", "if", "then", "else", "for", "in", "return",
  "some", "every", "satisfies", "between", "instance", "of", "function", "external", "item",
]);

/** ASCII identifiers so that FEEL can reference them as plain names (`platformName != null`). */
export const fieldKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "键名须以字母开头，只含字母、数字、下划线，最长64位 / key must start with a letter and use letters, digits, _ (max 64)")
  .refine((k) => !FEEL_RESERVED.has(k), "键名不能是 FEEL 保留字 / key must not be a FEEL reserved word");

export const commonFieldShape = {
  key: fieldKeySchema,
  type: z.string(),
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  placeholder: localizedTextSchema.optional(),
  required: z.boolean().optional(),
  requiredIf: feelExpressionSchema.optional(),
  hiddenIf: feelExpressionSchema.optional(),
  /** A renderer hint only: the server validates a read-only field like any other. */
  readonlyIf: feelExpressionSchema.optional(),
  default: z.unknown().optional(),
  /** Columns out of 24 on wide screens; phones always use the full width. */
  width: z.number().int().min(1).max(24).optional(),
  page: z.string().min(1).max(64).optional(),
};

export type LocalizedText = { zh: string; en: string };

export type FieldDefBase = {
  key: string;
  type: string;
  label: LocalizedText;
  help?: LocalizedText;
  placeholder?: LocalizedText;
  required?: boolean;
  requiredIf?: string;
  hiddenIf?: string;
  readonlyIf?: string;
  default?: unknown;
  width?: number;
  page?: string;
};

/** An option of a select, radio or checkbox field. */
export const optionSchema = z.strictObject({
  value: z.string().trim().min(1).max(100),
  label: localizedTextSchema,
});

export type FieldOption = { value: string; label: LocalizedText };
