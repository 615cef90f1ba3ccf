import { json } from "@remix-run/node";
import { apiErrors, type ApiErrorCode } from "./apiErrors";

/** A JSON error response from the API's catalogue; throw it or return it. */
export function apiError(code: ApiErrorCode, extra: { fieldErrors?: Record<string, string>; headers?: HeadersInit } = {}): Response {
  const { status, zh, en } = apiErrors[code];
  const body = { error: { code, message: zh, messageEn: en, ...(extra.fieldErrors ? { fieldErrors: extra.fieldErrors } : {}) } };
  return json(body, { status, headers: extra.headers });
}
