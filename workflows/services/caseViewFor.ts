import type { Db } from "../../db/client";
import { maskSensitiveData } from "../../forms/sensitiveFields";
import { getCaseView } from "./cases";
import { hasRole, type SessionUser } from "./identity";

/**
 * The case as a page or the API shows it to this person: the applicant sees their own data in
 * full; anyone else sees personal numbers masked (138****5678), and approvers and admins may
 * reveal one at a time (revealValue, audited). `masked` names the masked values (refKey).
 */
export async function caseViewFor(db: Db, user: SessionUser, caseId: string) {
  const view = await getCaseView(db, user, caseId);
  if (view.isApplicant) return { ...view, masked: [] as string[], canReveal: false };
  const { data, masked } = maskSensitiveData(view.formSchema, view.data);
  return { ...view, data, masked, canReveal: masked.length > 0 && mayReveal(user) };
}

export function mayReveal(user: SessionUser): boolean {
  return hasRole(user, "approver") || hasRole(user, "admin");
}

export type MaskedCaseView = Awaited<ReturnType<typeof caseViewFor>>;
