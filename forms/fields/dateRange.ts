import { z } from "zod";
import { daysBetween, parseIsoDate } from "../calendarDate";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { resolveDateBound } from "./date";

/**
 * 日期区间 (暑托班 dates, a leave, a hospital stay): `{ start, end }` as `YYYY-MM-DD`, end on or
 * after start; `maxDays` counts both ends. FEEL reads `stay.start`, `stay.end`.
 */
export type DateRangeFieldDef = FieldDefBase & { type: "dateRange"; min?: string; max?: string; maxDays?: number };

export type DateRangeValue = { start: string; end: string };

const dateBoundSchema = z.string().refine((s) => s === "today" || parseIsoDate(s) !== null, "日期须为 YYYY-MM-DD 或 today / date must be YYYY-MM-DD or today");

const inputSchema = z.strictObject({ start: z.string().max(40).nullable().optional(), end: z.string().max(40).nullable().optional() });

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === "";

export const dateRangeField = defineFieldType<DateRangeFieldDef>({
  type: "dateRange",
  valueKind: "object",
  emptyValue: null,
  props: { min: dateBoundSchema.optional(), max: dateBoundSchema.optional(), maxDays: z.number().int().min(1).max(36600).optional() },
  isEmpty: (value) => {
    if (value === undefined || value === null) return true;
    const v = value as { start?: unknown; end?: unknown };
    return typeof value === "object" && !Array.isArray(value) && (v.start === undefined || v.start === null || v.start === "") && (v.end === undefined || v.end === null || v.end === "");
  },
  buildZod: (field, ctx) => {
    const min = field.min === undefined ? undefined : resolveDateBound(field.min, ctx.now);
    const max = field.max === undefined ? undefined : resolveDateBound(field.max, ctx.now);
    return z.unknown().transform((raw, issueCtx): DateRangeValue => {
      const fail = (message: string) => {
        issueCtx.addIssue({ code: "custom", message, input: raw });
        return z.NEVER;
      };
      const parsed = inputSchema.safeParse(raw);
      if (!parsed.success) return fail(ctx.message("notDate"));
      const { start, end } = parsed.data;
      if (blank(start) || blank(end)) return fail(ctx.message("dateRangeIncomplete"));
      const range = { start: start!.trim(), end: end!.trim() };
      if (!parseIsoDate(range.start) || !parseIsoDate(range.end)) return fail(ctx.message("notDate"));
      if (range.end < range.start) return fail(ctx.message("dateRangeReversed"));
      if (min !== undefined && range.start < min) return fail(ctx.message("dateTooEarly", { min }));
      if (max !== undefined && range.end > max) return fail(ctx.message("dateTooLate", { max }));
      if (field.maxDays !== undefined && daysBetween(range.start, range.end) + 1 > field.maxDays) return fail(ctx.message("dateRangeTooLong", { max: field.maxDays }));
      return range;
    });
  },
  checkDef: (field) =>
    field.min && field.max && field.min !== "today" && field.max !== "today" && field.min > field.max
      ? [{ path: ["min"], code: "min_above_max", message: "最早日期晚于最晚日期 / min is after max" }]
      : [],
  display: (value, _field, locale) => {
    const v = value as Partial<DateRangeValue> | null;
    return v && typeof v.start === "string" && typeof v.end === "string" ? `${v.start} ${locale === "en" ? "to" : "至"} ${v.end}` : "";
  },
  hint: { widget: "dateRange", group: true },
});
