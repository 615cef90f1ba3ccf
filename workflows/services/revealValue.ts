import type { Db } from "../../db/client";
import { parseRefKey, sensitiveValueAt } from "../../forms/sensitiveFields";
import { CaseCommandError } from "../runtime/errors";
import { getCaseView, getTask } from "./cases";
import { mayReveal } from "./caseViewFor";
import type { SessionUser } from "./identity";
import { recordDisclosure } from "./recordDisclosure";
import { taskFieldAccess } from "./taskFieldAccess";

const notRevealable = () => new CaseCommandError("notRevealable", "没有可查看的该项内容", "There is no such value to reveal", 404);

/**
 * 查看: one masked value of a case in clear, for an approver or admin who may see the case. Writes
 * the audit entry (who, case, field) before the value is returned. From a task page (`taskId`),
 * a field the node hides stays hidden.
 */
/** Enough for a day's casework; a person paging through numbers by the hundred is refused (and audited up to there). */
export const REVEALS_PER_HOUR = 60;

export async function revealValue(db: Db, user: SessionUser, caseId: string, field: string, taskId?: string): Promise<{ value: string }> {
  const ref = parseRefKey(field);
  if (!ref) throw notRevealable();
  const view = await getCaseView(db, user, caseId);
  if (view.isApplicant || !mayReveal(user)) {
    throw new CaseCommandError("forbidden", "只有审批人和管理员可以查看完整信息", "Only approvers and admins may reveal full values", 403);
  }
  if (taskId) {
    const task = await getTask(db, user, taskId);
    if (task.caseId !== caseId || (await taskFieldAccess(db, user, taskId))[ref.field] === "hidden") throw notRevealable();
  }
  const found = sensitiveValueAt(view.formSchema, view.data, ref);
  if (!found) throw notRevealable();
  await recordDisclosure(db, {
    tenantId: user.tenantId,
    actorId: user.id,
    action: "reveal",
    caseId,
    detail: { caseNo: view.caseNo, field, label: found.label, ...(taskId ? { taskId } : {}) },
  }, { perHour: REVEALS_PER_HOUR });
  return { value: found.value };
}
