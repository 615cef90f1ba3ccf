/** Refusals a caller can show to a person: a stable code and a message in both languages. */
export class CaseCommandError extends Error {
  constructor(
    readonly code: "alreadyHandled" | "notYourTask" | "caseNotFound" | "notApplicant" | "conflict" | "rejectedByFlow" | "invalidData"
      | "fileNotFound" | "fileTooLarge" | "tooManyUploads" | "draftTooLarge"
      | "limitReached" | "full" | "notOpen" | "claimed"
      | "forbidden" | "notRevealable" | "notCancellable" | "notWaiting" | "notPurgeable" | "tooManyReveals",
    readonly messageZh: string,
    readonly messageEn: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

export const alreadyHandled = () => new CaseCommandError("alreadyHandled", "该事项已被处理", "This task was already handled", 409);
export const notYourTask = () => new CaseCommandError("notYourTask", "这不是您的待办事项", "This is not your task", 403);
export const caseNotFound = () => new CaseCommandError("caseNotFound", "申请不存在或无权查看", "Case not found or not visible to you", 404);
export const notApplicant = () => new CaseCommandError("notApplicant", "只有申请人本人可以这样做", "Only the applicant can do this", 403);
export const versionConflict = () =>
  new CaseCommandError("conflict", "申请已被他人更新，请刷新后重试", "The case was changed by someone else; reload and try again", 409);
/** A pool task a colleague has claimed (认领): only they may act on it until they release it. */
export const claimedByOther = (name: string) =>
  new CaseCommandError("claimed", name ? `该事项已被 ${name} 认领` : "该事项已被认领", name ? `This task was claimed by ${name}` : "This task was already claimed", 409);
