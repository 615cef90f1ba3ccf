import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { localized, type LocalizedText } from "../messages";
import { decimalPlaces, strictNumber } from "./numericValue";

export type NumberFieldDef = FieldDefBase & {
  type: "number";
  min?: number;
  max?: number;
  integer?: boolean;
  /** Most digits after the decimal point. */
  decimals?: number;
  unit?: LocalizedText;
};

export const numberField = defineFieldType<NumberFieldDef>({
  type: "number",
  valueKind: "number",
  emptyValue: null,
  props: {
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    decimals: z.number().int().min(0).max(8).optional(),
    unit: z.strictObject({ zh: z.string().max(20), en: z.string().max(20).default("") }).optional(),
  },
  buildZod: (field, ctx) =>
    strictNumber(ctx)
      .refine((n) => !field.integer || Number.isInteger(n), ctx.message("notInteger"))
      .refine((n) => field.decimals === undefined || decimalPlaces(n) <= field.decimals, ctx.message("tooManyDecimals", { decimals: field.decimals ?? 0 }))
      .refine((n) => field.min === undefined || n >= field.min, ctx.message("tooSmall", { min: field.min ?? 0 }))
      .refine((n) => field.max === undefined || n <= field.max, ctx.message("tooBig", { max: field.max ?? 0 })),
  checkDef: (field) =>
    field.min !== undefined && field.max !== undefined && field.min > field.max
      ? [{ path: ["min"], code: "min_above_max", message: "最小值大于最大值 / min is above max" }]
      : [],
  display: (value, field, locale) => (typeof value === "number" ? `${value}${field.unit ? ` ${localized(field.unit, locale)}` : ""}` : ""),
  hint: { widget: "number", inputMode: "decimal" },
});
