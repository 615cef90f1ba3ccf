import type { Db } from "../../db/client";
import { filesOfCase } from "../../db/files";
import { editableKeys } from "../../forms/fieldAccess";
import { restoreMaskedValues } from "../../forms/sensitiveFields";
import { validateApproverEdits } from "../../forms/validateApproverEdits";
import { CaseCommandError } from "../runtime/errors";
import { getCaseView, type Locale } from "./cases";
import type { SessionUser } from "./identity";
import { taskFieldAccess } from "./taskFieldAccess";

export type ApprovedData = { data: Record<string, unknown>; changed: string[] };

const noEditableFields = () =>
  new CaseCommandError("invalidData", "此环节不能修改申请内容", "This step may not change the application", 422, {
    _form: "此环节不能修改申请内容 / This step may not change the application",
  });

/**
 * An approver's changes to the case's form at their task's node (可编辑 fields only), laid over the
 * stored data and checked by the form's one validator, so rules, computed fields and hidden
 * conditions follow. Uploads may keep or drop the case's own files but not bring new ones.
 * Returns undefined when nothing changed (the decision then leaves the data as it was).
 */
export async function approverEdits(
  db: Db,
  user: SessionUser,
  task: { id: string; caseId: string },
  edits: Record<string, unknown>,
  locale: Locale,
): Promise<ApprovedData | undefined> {
  if (Object.keys(edits).length === 0) return undefined;
  const access = await taskFieldAccess(db, user, task.id);
  if (editableKeys(access).length === 0) throw noEditableFields();
  const view = await getCaseView(db, user, task.caseId);
  const caseFiles = new Map((await filesOfCase(db, task.caseId)).map((f) => [f.id, { mime: f.mime, size: f.size, name: f.originalName }]));
  // The page showed personal numbers masked: one sent back unchanged keeps its stored value.
  const sent = restoreMaskedValues(view.formSchema, view.data, edits);
  const result = validateApproverEdits(view.formSchema, view.data, sent, access, { locale, files: (id) => caseFiles.get(id) });
  if (!result.ok) {
    throw new CaseCommandError("invalidData", "请修改标红的项目后再提交", "Please correct the fields marked in red", 422, result.errors);
  }
  return result.changed.length > 0 ? { data: result.data, changed: result.changed } : undefined;
}
