import { createContext, useContext, type ReactNode } from "react";
import type { ApproverCandidate } from "../../../forms/fields/approverPicker";

/** By field key, whom an approver picker offers; null where the page has no applicant (the studio's preview). */
const ApproverOptionsContext = createContext<Record<string, ApproverCandidate[]> | null>(null);

/** The apply and 补正 pages give the picker the people on the applicant's own org chain (loaded by the server). */
export function ApproverOptionsProvider({ options, children }: { options: Record<string, ApproverCandidate[]>; children: ReactNode }) {
  return <ApproverOptionsContext.Provider value={options}>{children}</ApproverOptionsContext.Provider>;
}

export function useApproverOptions(fieldKey: string): ApproverCandidate[] | null {
  const all = useContext(ApproverOptionsContext);
  return all ? (all[fieldKey] ?? []) : null;
}
