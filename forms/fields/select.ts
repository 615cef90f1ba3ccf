import { z } from "zod";
import type { FieldDefBase, FieldOption } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { duplicateOptionProblems, optionLabel, optionsProp } from "./options";

export type SelectFieldDef = FieldDefBase & { type: "select"; options: FieldOption[] };

export const selectField = defineFieldType<SelectFieldDef>({
  type: "select",
  valueKind: "string",
  emptyValue: null,
  props: { options: optionsProp },
  buildZod: (field, ctx) => {
    const values = new Set(field.options.map((o) => o.value));
    return z.string({ error: ctx.message("notAnOption") }).refine((v) => values.has(v), ctx.message("notAnOption"));
  },
  checkDef: (field) => duplicateOptionProblems(field.options),
  display: (value, field, locale) => optionLabel(field.options, value, locale),
  hint: { widget: "select" },
});
