/**
 * A refusal in the studio (program design): a stable code, a message in both languages and an
 * HTTP status, in the shape app/http.server.ts `commandErrorResponse` turns into a 4xx body.
 */
export class StudioError extends Error {
  constructor(
    readonly code: "programNotFound" | "draftConflict" | "invalidForm" | "noSourceVersion",
    readonly messageZh: string,
    readonly messageEn: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Not found and not yours look the same, so another district cannot probe which programs exist. */
export const programNotFound = () => new StudioError("programNotFound", "项目不存在或无权管理", "Program not found or not yours to manage", 404);

export const draftConflict = () =>
  new StudioError("draftConflict", "草稿已被发布或删除，请刷新后重试", "The draft was published or removed meanwhile; reload and try again", 409);

export const noSourceVersion = () => new StudioError("noSourceVersion", "该项目没有可复制的版本", "This program has no version to copy from", 409);
