import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";

/** A personal value shown in clear (查看) or a list of cases taken out of the system (导出). */
export type Disclosure = {
  tenantId: string;
  actorId: string;
  action: "reveal" | "export";
  caseId?: string;
  detail: Record<string, unknown>;
};

/**
 * Audit a disclosure before the data leaves: in its own hash-chained stream per district
 * (`privacy:<tenant>`), not the case's, so the case timeline stays the story of the case while
 * `audit_log.case_id` still finds every reveal of one case.
 */
export async function recordDisclosure(db: Db, d: Disclosure): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(tx, { tenantId: d.tenantId, stream: `privacy:${d.tenantId}`, caseId: d.caseId ?? null, actorId: d.actorId, action: d.action, detail: d.detail }),
  );
}
