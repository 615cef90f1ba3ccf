import { getFieldType } from "./fieldRegistry";
import type { FormSchema } from "./schema";

/** At most this many characters of one prefilled value (a link is not a way to post data). */
const MAX_LENGTH = 200;

/**
 * Values a link may fill in before the applicant starts (`/portal/programs/<id>?room=…&date=…`,
 * e.g. from a venue's free slot): top-level fields holding a text, a date or a number, by key.
 * They are only starting values; the form's one validator checks them on submit like anything typed.
 */
export function prefillValues(schema: FormSchema, params: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const raw = params.get(field.key);
    if (raw === null || raw.length > MAX_LENGTH) continue;
    const kind = getFieldType(field.type)?.valueKind;
    if (kind === "string" || kind === "date") values[field.key] = raw;
    else if (kind === "number" && raw.trim() !== "" && Number.isFinite(Number(raw))) values[field.key] = Number(raw);
  }
  return values;
}
