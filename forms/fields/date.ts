import { z } from "zod";
import { chinaToday, formatIsoDate, parseIsoDate } from "../calendarDate";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/** A bound is a fixed date or "today" (China's date when the form is validated). */
export type DateBound = string;

export type DateFieldDef = FieldDefBase & { type: "date"; min?: DateBound; max?: DateBound };

const dateBoundSchema = z.string().refine((s) => s === "today" || parseIsoDate(s) !== null, "日期须为 YYYY-MM-DD 或 today / date must be YYYY-MM-DD or today");

export function resolveDateBound(bound: DateBound, now: Date): string {
  return bound === "today" ? formatIsoDate(chinaToday(now)) : bound;
}

export const dateField = defineFieldType<DateFieldDef>({
  type: "date",
  valueKind: "date",
  emptyValue: null,
  props: { min: dateBoundSchema.optional(), max: dateBoundSchema.optional() },
  buildZod: (field, ctx) => {
    const min = field.min === undefined ? undefined : resolveDateBound(field.min, ctx.now);
    const max = field.max === undefined ? undefined : resolveDateBound(field.max, ctx.now);
    return z
      .string({ error: ctx.message("notDate") })
      .max(40, ctx.message("notDate"))
      .transform((s) => s.trim())
      .refine((s) => parseIsoDate(s) !== null, ctx.message("notDate"))
      .refine((s) => min === undefined || s >= min, ctx.message("dateTooEarly", { min: min ?? "" }))
      .refine((s) => max === undefined || s <= max, ctx.message("dateTooLate", { max: max ?? "" }));
  },
  checkDef: (field) =>
    field.min && field.max && field.min !== "today" && field.max !== "today" && field.min > field.max
      ? [{ path: ["min"], code: "min_above_max", message: "最早日期晚于最晚日期 / min is after max" }]
      : [],
  hint: { widget: "date" },
});
