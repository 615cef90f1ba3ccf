import type { FieldDefBase } from "./fieldDef";
import type { FieldZodContext } from "./fieldType";
import { formMessage, localized, type Locale } from "./messages";

/** The context a field type's zod builder gets: messages already carrying the field's label. */
export function fieldMessageContext(field: FieldDefBase, locale: Locale, now: Date): FieldZodContext {
  const label = localized(field.label, locale);
  return { locale, now, label, message: (key, params = {}) => formMessage(locale, key, { label, ...params }) };
}
