import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { commandErrorResponse, localeOf } from "~/http.server";
import type { Locale } from "~/i18n/messages";
import { apiError } from "./apiError.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/**
 * Wraps an API loader or action: refusals from the services become their JSON 4xx
 * (code, bilingual message, field errors), responses thrown by the API helpers are sent as
 * they are, and anything else is a real bug left to surface as a 500.
 */
export function apiHandler(fn: (args: Args) => Promise<Response>): (args: Args) => Promise<Response> {
  return async (args) => {
    try {
      return await fn(args);
    } catch (err) {
      if (err instanceof Response) return err;
      return commandErrorResponse(err);
    }
  };
}

/** For the method a route does not serve (GET on a command, POST on a read). */
export async function methodNotAllowed(): Promise<Response> {
  return apiError("methodNotAllowed");
}

/** Locale for validation messages: the UI's language cookie, else the Accept-Language header. */
export function apiLocale(request: Request): Locale {
  if (localeOf(request) === "en") return "en";
  return /^\s*en\b/i.test(request.headers.get("Accept-Language") ?? "") ? "en" : "zh";
}

/** A JSON response whose body the compiler checks against the schema the OpenAPI document shows. */
export function apiJson<S extends z.ZodType>(_schema: S, body: z.output<S>, init?: ResponseInit): Response {
  return json(body, init);
}
