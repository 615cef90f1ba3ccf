import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType, type SchemaProblem } from "../fieldType";
import { boundedText } from "./textValue";

export const TEXT_DEFAULT_MAX_LENGTH = 200;

export type TextFieldDef = FieldDefBase & { type: "text"; minLength?: number; maxLength?: number };

export function lengthBoundsProblems(field: { minLength?: number; maxLength?: number }, defaultMax: number): SchemaProblem[] {
  const max = field.maxLength ?? defaultMax;
  return (field.minLength ?? 0) > max
    ? [{ path: ["minLength"], code: "min_above_max", message: "最少字数大于最多字数 / minLength is above maxLength" }]
    : [];
}

export const textField = defineFieldType<TextFieldDef>({
  type: "text",
  valueKind: "string",
  emptyValue: null,
  props: {
    minLength: z.number().int().min(0).max(2000).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
  },
  buildZod: (field, ctx) => boundedText(ctx, field.maxLength ?? TEXT_DEFAULT_MAX_LENGTH, field.minLength),
  checkDef: (field) => lengthBoundsProblems(field, TEXT_DEFAULT_MAX_LENGTH),
  hint: { widget: "input", inputMode: "text" },
});
