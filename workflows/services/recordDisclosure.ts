import type { Db } from "../../db/client";
import { and, eq, gt, sql } from "drizzle-orm";
import { appendAudit } from "../../db/audit";
import { auditLog } from "../../db/schema";
import { CaseCommandError } from "../runtime/errors";

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
export async function recordDisclosure(db: Db, d: Disclosure, limit?: { perHour: number }): Promise<void> {
  await db.transaction(async (tx) => {
    // appendAudit holds the stream's lock, so counting after it cannot be raced by a second request.
    await appendAudit(tx, { tenantId: d.tenantId, stream: `privacy:${d.tenantId}`, caseId: d.caseId ?? null, actorId: d.actorId, action: d.action, detail: d.detail });
    if (!limit) return;
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.stream, `privacy:${d.tenantId}`), eq(auditLog.actorId, d.actorId), eq(auditLog.action, d.action), gt(auditLog.at, since)));
    if (Number(n) > limit.perHour) {
      throw new CaseCommandError(
        "tooManyReveals",
        `一小时内查看完整信息已达 ${limit.perHour} 次，请稍后再试；如确需批量核对，请联系管理员导出`,
        `You have revealed ${limit.perHour} values within an hour; try again later, or ask an admin for an export`,
        429,
      );
    }
  });
}
