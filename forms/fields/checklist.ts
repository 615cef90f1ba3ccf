import { z } from "zod";
import type { FieldDefBase, FieldOption } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { duplicateOptionProblems, optionLabel, optionsProp } from "./options";

/**
 * 确认清单: statements the applicant ticks one by one (材料已备齐, 承诺事项). Unlike a multiple
 * choice, every item must be ticked unless `requireAll` is false. Stored as the ticked values.
 */
export type ChecklistFieldDef = FieldDefBase & { type: "checklist"; options: FieldOption[]; requireAll?: boolean };

export const checklistField = defineFieldType<ChecklistFieldDef>({
  type: "checklist",
  valueKind: "stringList",
  emptyValue: [],
  // Unless requireAll is off, nothing ticked is not "empty" but incomplete: 请逐项确认….
  isEmpty: (value, field) => field.requireAll === false && (value === undefined || value === null || (Array.isArray(value) && value.length === 0)),
  props: { options: optionsProp, requireAll: z.boolean().optional() },
  buildZod: (field, ctx) => {
    const order = field.options.map((o) => o.value);
    const list = z
      .array(z.string({ error: ctx.message("notAnOption") }), { error: ctx.message("wrongType") })
      .max(order.length, ctx.message("notAnOption"))
      .refine((vs) => vs.every((v) => order.includes(v)), ctx.message("notAnOption"))
      .refine((vs) => new Set(vs).size === vs.length, ctx.message("duplicateChoice"))
      .refine((vs) => field.requireAll === false || vs.length === order.length, ctx.message("checklistIncomplete"))
      .transform((vs) => order.filter((v) => vs.includes(v)));
    return z.preprocess((v) => v ?? [], list);
  },
  checkDef: (field) => duplicateOptionProblems(field.options),
  display: (value, field, locale) => (Array.isArray(value) ? value.map((v) => `✓ ${optionLabel(field.options, v, locale)}`).join("；") : ""),
  hint: { widget: "checklist", group: true },
});
