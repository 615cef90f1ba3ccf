import type { Db } from "../../db/client";
import { withFlowOutputs } from "../../forms/flowOutputs";
import { maskSensitiveData } from "../../forms/sensitiveFields";
import { getCaseView } from "./cases";
import { hasRole, type SessionUser } from "./identity";

/**
 * The case as a page or the API shows it to this person: the applicant sees their own data in
 * full; anyone else sees personal numbers masked (138****5678), and approvers and admins may
 * reveal one at a time (revealValue, audited). `masked` names the masked values (refKey).
 */
export async function caseViewFor(db: Db, user: SessionUser, caseId: string) {
  const stored = await getCaseView(db, user, caseId);
  // What a service task computed (an amount) shows in the form's own never-asked field.
  const view = { ...stored, data: withFlowOutputs(stored.formSchema, stored.data, stored.variables) };
  if (view.isApplicant) return { ...view, masked: [] as string[], canReveal: false };
  const { data, masked } = maskSensitiveData(view.formSchema, view.data);
  return { ...view, data, masked, canReveal: masked.length > 0 && mayReveal(user) };
}

export function mayReveal(user: SessionUser): boolean {
  return hasRole(user, "approver") || hasRole(user, "admin");
}

export type MaskedCaseView = Awaited<ReturnType<typeof caseViewFor>>;
