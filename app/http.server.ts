import { json } from "@remix-run/node";
import { translate, type Locale, type MessageKey } from "./i18n/messages";

/** Largest form post we accept (uploads, which are larger, have their own route). */
export const MAX_FORM_BYTES = 1_000_000;

export class HttpError extends Response {}

/** A 4xx carrying a bilingual message (Chinese first) that error boundaries and fetchers can show. */
export function httpError(status: number, key: MessageKey, extra: Record<string, unknown> = {}): Response {
  return json(
    { error: { code: key, message: translate("zh", key), messageEn: translate("en", key), ...extra } },
    { status },
  );
}

export function localeOf(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookie) ? "en" : "zh";
}

/** Read a urlencoded/multipart form with a size cap; throws a 413 before reading an oversized body. */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > maxBytes) throw httpError(413, "bodyTooLarge");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw httpError(413, "bodyTooLarge");
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/x-www-form-urlencoded") || !type) {
    const fd = new FormData();
    for (const [k, v] of new URLSearchParams(text)) fd.append(k, v);
    return fd;
  }
  return new Request("http://local/", { method: "POST", headers: { "Content-Type": type }, body: text }).formData();
}

export function clientAddress(request: Request): string {
  // Set by server.ts from the socket; only trust X-Forwarded-For when behind a configured proxy.
  return request.headers.get("X-Niangjia-Client-Address") ?? "unknown";
}

type CommandErrorLike = { code: string; messageZh: string; messageEn: string; status: number; fieldErrors?: Record<string, string> };

export function isCommandError(err: unknown): err is CommandErrorLike {
  return typeof err === "object" && err !== null && "messageZh" in err && "status" in err && "code" in err;
}

/**
 * Turns a refusal from a service into the 4xx body actions return: bilingual message plus
 * per-field messages. Anything else is rethrown (a real bug, shown by the error boundary).
 */
export function commandErrorResponse(err: unknown): Response {
  if (!isCommandError(err)) throw err;
  return json(
    { error: { code: err.code, message: err.messageZh, messageEn: err.messageEn, fieldErrors: err.fieldErrors ?? {} } },
    { status: err.status },
  );
}

/** Parse the JSON payload a form renderer posts in the `payload` field; bad JSON is a 400. */
export function parsePayload(form: FormData): unknown {
  const raw = form.get("payload");
  if (typeof raw !== "string") throw httpError(400, "fixErrors");
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw httpError(400, "fixErrors");
  }
}
