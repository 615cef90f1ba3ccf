import { getFieldType } from "./fieldRegistry";
import type { Locale } from "./messages";
import type { FieldDef } from "./schema";

/** A stored value as a person reads it (option labels, ¥ amounts with 大写, 是/否); "" when empty. */
export function displayValue(field: FieldDef, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "";
  const fieldType = getFieldType(field.type);
  if (fieldType?.display) return fieldType.display(value, field, locale);
  if (Array.isArray(value)) return value.map(String).join("、");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
