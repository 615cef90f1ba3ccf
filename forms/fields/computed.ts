import { z } from "zod";
import { feelExpressionSchema, type FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { formatYuan } from "./money";

/**
 * A value derived by FEEL from other fields (e.g. `familyIncome / familySize`). Whatever a
 * client sends is ignored: the validator recomputes it, on the server as in the browser.
 */
export type ComputedFieldDef = FieldDefBase & { type: "computed"; expression: string; format?: "number" | "money" | "text"; decimals?: number };

export type ComputedValue = string | number | boolean | null | (string | number | boolean | null)[];

/** FEEL results (numbers, strings, dates, lists...) as JSON-safe values; anything else is null. */
export function toComputedValue(raw: unknown, decimals?: number): ComputedValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return null;
    if (decimals === undefined) return raw;
    const factor = 10 ** decimals;
    return Math.round(raw * factor) / factor;
  }
  if (typeof raw === "string" || typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return raw.map((item) => toComputedValue(item, decimals)).map((v) => (Array.isArray(v) ? null : v));
  // feelin's dates, times and durations print as their ISO text.
  const hasOwnToString = typeof raw === "object" && (raw as object).toString !== Object.prototype.toString;
  return hasOwnToString ? String(raw) : null;
}

export const computedField = defineFieldType<ComputedFieldDef>({
  type: "computed",
  valueKind: "computed",
  emptyValue: null,
  props: {
    expression: feelExpressionSchema,
    format: z.enum(["number", "money", "text"]).optional(),
    decimals: z.number().int().min(0).max(8).optional(),
  },
  // Receives the FEEL result, never client input.
  buildZod: (field) => z.unknown().transform((raw) => toComputedValue(raw, field.format === "money" ? 2 : field.decimals)),
  isEmpty: () => false,
  display: (value, field) => {
    if (value === null || value === undefined) return "";
    if (field.format === "money" && typeof value === "number") return formatYuan(value);
    return Array.isArray(value) ? value.join("、") : String(value);
  },
  hint: { widget: "computed" },
});
