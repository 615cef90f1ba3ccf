/**
 * The API's own refusals (the services' refusals keep their own codes): HTTP status and a
 * message in Chinese first, then English. Every API error body is
 * `{ error: { code, message, messageEn, fieldErrors? } }`.
 */
export const apiErrors = {
  unauthorized: { status: 401, zh: "请先登录，或在 Authorization 请求头中提供 API 令牌", en: "Sign in, or send an API token in the Authorization header" },
  invalidToken: { status: 401, zh: "API 令牌无效、已过期或已吊销", en: "The API token is invalid, expired or revoked" },
  tokenRateLimited: { status: 429, zh: "无效令牌尝试过多，请稍后再试", en: "Too many invalid tokens from this address; try again later" },
  tokenReadOnly: { status: 403, zh: "此令牌只能读取，不能办理", en: "This token may only read" },
  csrfFailed: { status: 403, zh: "使用登录 Cookie 时须在 X-CSRF-Token 请求头中提供 CSRF 令牌", en: "With a session cookie, send the CSRF token in the X-CSRF-Token header" },
  forbidden: { status: 403, zh: "无权访问", en: "Access denied" },
  notFound: { status: 404, zh: "未找到，或无权查看", en: "Not found, or not visible to you" },
  methodNotAllowed: { status: 405, zh: "不支持此请求方法", en: "This method is not allowed here" },
  malformedJson: { status: 400, zh: "请求内容不是有效的 JSON", en: "The request body is not valid JSON" },
  idempotencyKeyRequired: { status: 400, zh: "提交申请须带 Idempotency-Key 请求头（8–64 位字母、数字、- 或 _）", en: "Submitting needs an Idempotency-Key header (8–64 letters, digits, - or _)" },
  bodyTooLarge: { status: 413, zh: "请求内容过大（上限 1 MB）", en: "The request body is too large (1 MB at most)" },
  unsupportedMediaType: { status: 415, zh: "请求内容类型须为 application/json", en: "The request body must be application/json" },
  invalidData: { status: 422, zh: "请修改标红的项目后再提交", en: "Please correct the fields marked in red" },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ApiErrorCode = keyof typeof apiErrors;
