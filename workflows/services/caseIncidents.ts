import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { cases, incidents, programs } from "../../db/schema";
import { retryFailedJob } from "../runtime/jobWorker";
import { CaseCommandError } from "../runtime/errors";
import { hasRoleOver, type SessionUser } from "./identity";

/** A case stuck because a step's job ran out of attempts (a service call, a timer), as an admin sees it. */
export type CaseIncident = {
  id: string;
  caseId: string;
  caseNo: string;
  programName: string;
  nodeId: string;
  message: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
};

type JobIncidentDetail = { caseId?: string; nodeId?: string; attempts?: number };

/** Open job incidents on cases of the admin's subtree, newest first. */
export async function listCaseIncidents(db: Db, admin: SessionUser): Promise<CaseIncident[]> {
  const open = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.source, "job"), eq(incidents.tenantId, admin.tenantId), isNull(incidents.resolvedAt)))
    .orderBy(desc(incidents.lastSeenAt))
    .limit(200);
  const caseIds = [...new Set(open.map((i) => (i.detail as JobIncidentDetail).caseId).filter((id): id is string => Boolean(id)))];
  if (caseIds.length === 0) return [];
  const rows = await db
    .select({ id: cases.id, caseNo: cases.caseNo, orgPath: cases.applicantOrgPath, programName: programs.name })
    .from(cases)
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(inArray(cases.id, caseIds));
  const byId = new Map(rows.filter((r) => hasRoleOver(admin, "admin", r.orgPath)).map((r) => [r.id, r]));
  return open.flatMap((i) => {
    const detail = i.detail as JobIncidentDetail;
    const c = detail.caseId ? byId.get(detail.caseId) : undefined;
    if (!c) return [];
    return [{ id: i.id, caseId: c.id, caseNo: c.caseNo, programName: c.programName, nodeId: detail.nodeId ?? "", message: i.message, attempts: detail.attempts ?? 0, firstSeenAt: i.firstSeenAt.toISOString(), lastSeenAt: i.lastSeenAt.toISOString() }];
  });
}

/** 重试: the admin over the case sends the failed job round again (from its first attempt), audited. */
export async function retryCaseIncident(db: Db, admin: SessionUser, incidentId: string): Promise<void> {
  const incident = (await listCaseIncidents(db, admin)).find((i) => i.id === incidentId);
  if (!incident) throw new CaseCommandError("caseNotFound", "异常不存在或已处理", "No such open incident", 404);
  const [row] = await db.select({ subject: incidents.subject }).from(incidents).where(eq(incidents.id, incidentId));
  if (!(await retryFailedJob(db, row.subject))) throw new CaseCommandError("conflict", "该任务已在重试或已完成，请刷新", "The job is already being retried or has finished; reload", 409);
  await db.transaction((tx) =>
    appendAudit(tx, { tenantId: admin.tenantId, stream: `incident:${admin.tenantId}`, caseId: incident.caseId, actorId: admin.id, action: "incident.retried", nodeId: incident.nodeId || null, comment: null, detail: { caseNo: incident.caseNo, message: incident.message } }),
  );
}
