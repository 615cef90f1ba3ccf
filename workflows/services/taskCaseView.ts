import type { Db } from "../../db/client";
import { visibleData } from "../../forms/fieldAccess";
import { getTask } from "./cases";
import { caseViewFor } from "./caseViewFor";
import type { SessionUser } from "./identity";
import { taskFieldAccess } from "./taskFieldAccess";

/**
 * A task with its case as the assignee may see it at the task's node: personal numbers masked
 * (caseViewFor) and the fields the node hides (隐藏) left out entirely — for the task page and the
 * JSON API alike, so neither sends a hidden field to the approver.
 */
export async function taskCaseView(db: Db, user: SessionUser, taskId: string) {
  const task = await getTask(db, user, taskId);
  const caseView = await caseViewFor(db, user, task.caseId);
  const access = await taskFieldAccess(db, user, task.id);
  const view = { ...caseView, data: visibleData(caseView.data, access), masked: caseView.masked.filter((k) => access[k.split(".")[0]] !== "hidden") };
  return { task, view, access };
}
