import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, orgs, programs, programVersions } from "../../db/schema";
import type { FlowDefinition } from "../types";
import type { CaseView, TimelineEntry } from "./cases";

/** Audit actions that are an approver's say on the case: the rows of the sheet's 审批意见 table. */
const DECISION_ACTIONS = new Set(["approve", "reject", "return", "transfer", "add_signer"]);

export type SheetDecision = TimelineEntry & { nodeName: string };

/**
 * 审批单: the case as a printable sheet — the issuing union, number, program, applicant and their
 * union, the form data, and every approver's decision with the node's name, comment and
 * handwritten signature. It is built on the very view the case page shows this person (`view`,
 * which already settled who may see the case and how its values are shown), so the sheet can
 * neither reach further nor show more than that page.
 */
export async function approvalSheetOf<V extends CaseView>(db: Db, view: V, now: Date = new Date()) {
  const [row] = await db
    .select({ flow: programVersions.flowDefinition, issuer: orgs.name, applicantOrgId: cases.applicantOrgId })
    .from(cases)
    .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .innerJoin(orgs, eq(orgs.id, programs.ownerOrgId))
    .where(eq(cases.id, view.id));
  const [applicantOrg] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.applicantOrgId));
  const nodes = (row.flow as FlowDefinition).nodes;
  const decisions: SheetDecision[] = view.timeline
    .filter((e) => DECISION_ACTIONS.has(e.action))
    .map((e) => ({ ...e, nodeName: (e.nodeId && nodes[e.nodeId]?.name) || "" }));
  return { ...view, issuerName: row.issuer, applicantOrgName: applicantOrg?.name ?? "", decisions, printedAt: now.toISOString() };
}

export type ApprovalSheet<V extends CaseView = CaseView> = Awaited<ReturnType<typeof approvalSheetOf<V>>>;
