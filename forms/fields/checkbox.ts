import { z } from "zod";
import type { FieldDefBase, FieldOption } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { duplicateOptionProblems, optionLabel, optionsProp } from "./options";

/** Several choices; stored as the chosen option values in the options' order. */
export type CheckboxFieldDef = FieldDefBase & { type: "checkbox"; options: FieldOption[]; minSelected?: number; maxSelected?: number };

export const checkboxField = defineFieldType<CheckboxFieldDef>({
  type: "checkbox",
  valueKind: "stringList",
  emptyValue: [],
  props: {
    options: optionsProp,
    minSelected: z.number().int().min(0).max(500).optional(),
    maxSelected: z.number().int().min(1).max(500).optional(),
  },
  buildZod: (field, ctx) => {
    const order = field.options.map((o) => o.value);
    return z
      .array(z.string({ error: ctx.message("notAnOption") }), { error: ctx.message("wrongType") })
      .max(order.length, ctx.message("tooManyChoices", { max: order.length }))
      .refine((vs) => vs.every((v) => order.includes(v)), ctx.message("notAnOption"))
      .refine((vs) => new Set(vs).size === vs.length, ctx.message("duplicateChoice"))
      .refine((vs) => field.minSelected === undefined || vs.length >= field.minSelected, ctx.message("tooFewChoices", { min: field.minSelected ?? 0 }))
      .refine((vs) => field.maxSelected === undefined || vs.length <= field.maxSelected, ctx.message("tooManyChoices", { max: field.maxSelected ?? 0 }))
      .transform((vs) => order.filter((v) => vs.includes(v)));
  },
  checkDef: (field) => [
    ...duplicateOptionProblems(field.options),
    ...((field.minSelected ?? 0) > (field.maxSelected ?? field.options.length)
      ? [{ path: ["minSelected"], code: "min_above_max", message: "最少选择数大于最多选择数 / minSelected is above maxSelected" }]
      : []),
  ],
  display: (value, field, locale) => (Array.isArray(value) ? value.map((v) => optionLabel(field.options, v, locale)).join("、") : ""),
  hint: { widget: "checkbox" },
});
