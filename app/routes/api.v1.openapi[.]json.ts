import { json } from "@remix-run/node";
import { openApiDocument } from "~/api/openApiDocument.server";
import { methodNotAllowed } from "~/api/apiRoute.server";

/** The OpenAPI 3.1 document of /api/v1, public like any API description. */
export const loader = async () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });

export const action = methodNotAllowed;
