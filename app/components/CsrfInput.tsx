import { useRouteLoaderData } from "@remix-run/react";

/** The double-submit token every mutating form carries (see auth.server.ts). */
export function useCsrfToken(): string {
  const data = useRouteLoaderData("root") as { csrf?: string } | undefined;
  return data?.csrf ?? "";
}

export function CsrfInput() {
  return <input type="hidden" name="_csrf" value={useCsrfToken()} />;
}
