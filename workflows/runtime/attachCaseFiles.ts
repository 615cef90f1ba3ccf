import type { Tx } from "../../db/client";
import { attachFiles } from "../../db/files";
import { CaseCommandError } from "./errors";

/**
 * Attach the uploaded files a submission names to its case, inside the case's transaction:
 * the case and its files' link are written together or not at all. A file that stopped being
 * the applicant's to use between validation and now (attached elsewhere) refuses the step.
 */
export async function attachCaseFiles(tx: Tx, caseId: string, applicantId: string, fileIds: string[] | undefined): Promise<void> {
  if (!fileIds || fileIds.length === 0) return;
  const unique = [...new Set(fileIds)];
  const attached = await attachFiles(tx, caseId, applicantId, unique);
  if (attached !== unique.length) {
    throw new CaseCommandError("invalidData", "有文件已失效，请重新上传后再提交", "A file is no longer usable; upload it again and resubmit", 422);
  }
}
