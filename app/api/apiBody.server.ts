import type { z } from "zod";
import { apiError } from "./apiError.server";

/** Largest JSON body the API reads (uploads go through their own route). */
export const MAX_JSON_BYTES = 1_000_000;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Reads the body as text, refusing with 413 as soon as it passes the cap (chunked bodies too). */
async function boundedText(request: Request, maxBytes: number): Promise<string> {
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBytes) throw apiError("bodyTooLarge");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw apiError("bodyTooLarge");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** zod's issues as per-field messages keyed by body path, Chinese first. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_body";
    out[key] ??= `请求内容不符合要求 / ${issue.message}`;
  }
  return out;
}

/**
 * The request's JSON body checked against its schema: 415 unless it is JSON, 413 over 1 MB,
 * 400 when it does not parse, 422 with per-field messages when it has the wrong shape.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  if (!JSON_TYPE.test(request.headers.get("Content-Type") ?? "")) throw apiError("unsupportedMediaType");
  const text = await boundedText(request, MAX_JSON_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw apiError("malformedJson");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw apiError("invalidData", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}
