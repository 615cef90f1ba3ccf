import type { FormSchema } from "./schema";

/** `hiddenIf: "true"`: a field never asked of the applicant, because the flow fills it. */
const NEVER_ASKED = "true";

/**
 * A case's data with the flow's outputs filled in: a field the form never asks the applicant
 * (`"hiddenIf": "true"`) takes the case variable of the same key that a service task returned
 * (平安返厦's subsidy, 医疗互助's amounts). So the approver and the applicant see what was
 * computed with the form's own label and format (money with 金额大写), read-only. What the
 * applicant answered is never replaced.
 */
export function withFlowOutputs(schema: FormSchema, data: Record<string, unknown>, variables: Record<string, unknown>): Record<string, unknown> {
  let out = data;
  for (const field of schema.fields) {
    if (field.hiddenIf?.trim() !== NEVER_ASKED || Object.hasOwn(data, field.key) || !Object.hasOwn(variables, field.key)) continue;
    if (out === data) out = { ...data };
    out[field.key] = variables[field.key];
  }
  return out;
}
