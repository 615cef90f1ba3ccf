import { z } from "zod";
import { chinaNowMinute, parseIsoMinute } from "../calendarDate";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/** A bound is a fixed `YYYY-MM-DDTHH:mm` or "now" (China's time when the form is validated). */
export type DateTimeFieldDef = FieldDefBase & { type: "dateTime"; min?: string; max?: string };

const boundSchema = z.string().refine((s) => s === "now" || parseIsoMinute(s) === s, "须为 YYYY-MM-DDTHH:mm 或 now / must be YYYY-MM-DDTHH:mm or now");

export function resolveDateTimeBound(bound: string, now: Date): string {
  return bound === "now" ? chinaNowMinute(now) : bound;
}

/** 日期时间 in China's time, stored as `YYYY-MM-DDTHH:mm` (no zone: a civil time, like a date). */
export const dateTimeField = defineFieldType<DateTimeFieldDef>({
  type: "dateTime",
  valueKind: "string",
  emptyValue: null,
  props: { min: boundSchema.optional(), max: boundSchema.optional() },
  buildZod: (field, ctx) => {
    const min = field.min === undefined ? undefined : resolveDateTimeBound(field.min, ctx.now);
    const max = field.max === undefined ? undefined : resolveDateTimeBound(field.max, ctx.now);
    const shown = (s: string | undefined) => (s ?? "").replace("T", " ");
    return z
      .string({ error: ctx.message("notDateTime") })
      .max(40, ctx.message("notDateTime"))
      .transform((s, issueCtx) => {
        const value = parseIsoMinute(s.trim());
        if (value !== null) return value;
        issueCtx.addIssue({ code: "custom", message: ctx.message("notDateTime"), input: s });
        return z.NEVER;
      })
      .refine((s) => min === undefined || s >= min, ctx.message("dateTooEarly", { min: shown(min) }))
      .refine((s) => max === undefined || s <= max, ctx.message("dateTooLate", { max: shown(max) }));
  },
  checkDef: (field) =>
    field.min && field.max && field.min !== "now" && field.max !== "now" && field.min > field.max
      ? [{ path: ["min"], code: "min_above_max", message: "最早时间晚于最晚时间 / min is after max" }]
      : [],
  display: (value) => (typeof value === "string" ? value.replace("T", " ") : ""),
  hint: { widget: "dateTime" },
});
