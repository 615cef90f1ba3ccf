import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { moneyInWords } from "../moneyInWords";
import { decimalPlaces, strictNumber } from "./numericValue";

/** Amounts in 元 with at most two decimals (分); the default ceiling keeps every value exact in a double. */
export const MONEY_DEFAULT_MAX = 9_999_999_999.99;

export type MoneyFieldDef = FieldDefBase & { type: "money"; min?: number; max?: number };

// One formatter: toLocaleString with options builds a new Intl.NumberFormat on every call (~1 ms each).
const yuanDigits = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ¥1,234.50 */
export function formatYuan(amount: number): string {
  return `¥${yuanDigits.format(amount)}`;
}

export const moneyField = defineFieldType<MoneyFieldDef>({
  type: "money",
  valueKind: "number",
  emptyValue: null,
  props: {
    min: z.number().min(0).max(MONEY_DEFAULT_MAX).optional(),
    max: z.number().min(0).max(MONEY_DEFAULT_MAX).optional(),
  },
  buildZod: (field, ctx) => {
    const min = field.min ?? 0;
    const max = field.max ?? MONEY_DEFAULT_MAX;
    return strictNumber(ctx)
      .refine((n) => n >= 0, ctx.message("moneyNegative"))
      .refine((n) => decimalPlaces(n) <= 2, ctx.message("tooManyDecimals", { decimals: 2 }))
      .refine((n) => n >= min, ctx.message("tooSmall", { min: formatYuan(min) }))
      .refine((n) => n <= max, ctx.message("tooBig", { max: formatYuan(max) }))
      .transform((n) => Math.round(n * 100) / 100);
  },
  checkDef: (field) =>
    (field.min ?? 0) > (field.max ?? MONEY_DEFAULT_MAX)
      ? [{ path: ["min"], code: "min_above_max", message: "最小金额大于最大金额 / min is above max" }]
      : [],
  display: (value, _field, locale) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return "";
    return locale === "zh" ? `${formatYuan(value)}（${moneyInWords(value)}）` : formatYuan(value);
  },
  hint: { widget: "money", inputMode: "decimal" },
});
