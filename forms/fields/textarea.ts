import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { lengthBoundsProblems } from "./text";
import { boundedText } from "./textValue";

export const TEXTAREA_DEFAULT_MAX_LENGTH = 2000;

export type TextareaFieldDef = FieldDefBase & { type: "textarea"; minLength?: number; maxLength?: number; rows?: number };

export const textareaField = defineFieldType<TextareaFieldDef>({
  type: "textarea",
  valueKind: "string",
  emptyValue: null,
  props: {
    minLength: z.number().int().min(0).max(20000).optional(),
    maxLength: z.number().int().min(1).max(20000).optional(),
    rows: z.number().int().min(2).max(20).optional(),
  },
  buildZod: (field, ctx) => boundedText(ctx, field.maxLength ?? TEXTAREA_DEFAULT_MAX_LENGTH, field.minLength),
  checkDef: (field) => lengthBoundsProblems(field, TEXTAREA_DEFAULT_MAX_LENGTH),
  hint: { widget: "textarea" },
});
