import type { z } from "zod";
import type { CaseView } from "~/services.server";
import type { CaseDetail, CaseStep } from "./apiSchemas.server";

/** The case as the API shows it: what the case page shows, nothing of the engine's inner state. */
export function caseDetail(view: CaseView): z.output<typeof CaseDetail> {
  return {
    id: view.id,
    caseNo: view.caseNo,
    status: view.status,
    version: view.version,
    programId: view.programId,
    programName: view.programName,
    programNameEn: view.programNameEn,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    applicantName: view.applicantName,
    memberNo: view.isApplicant ? view.applicantMemberNo : null,
    isApplicant: view.isApplicant,
    canWithdraw: view.canWithdraw,
    data: view.data,
    masked: view.masked,
    canReveal: view.canReveal,
    formSchema: view.formSchema as unknown as Record<string, unknown>,
    files: view.files,
    openTasks: view.openTasks.map(({ id, nodeId, name, assigneeName, createdAt, dueAt }) => ({ id, nodeId, name, assigneeName, createdAt, dueAt })),
    timeline: view.timeline,
  };
}

type StepResult = { caseId: string; caseNo: string; status: string; version: number; waitlistPosition?: number };

export function caseStep({ caseId, caseNo, status, version, waitlistPosition }: StepResult): z.output<typeof CaseStep> {
  return { caseId, caseNo, status, version, ...(waitlistPosition === undefined ? {} : { waitlistPosition }) };
}
