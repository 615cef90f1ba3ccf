import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, verifyCsrf } from "~/auth.server";
import { commandErrorResponse, localeOf } from "~/http.server";
import { services } from "~/services.server";
import { readUploadedFile } from "~/uploads.server";

/**
 * POST one file for an upload field: `?field=<key>` (and `&case=<id>` when answering a return).
 * The CSRF token comes in the X-CSRF-Token header, checked before the body is read.
 * Answers 201 with the file's id, name, sniffed type and size, or a 4xx naming the field.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await verifyCsrf(request, new FormData());
  const url = new URL(request.url);
  const target = { programId: params.programId ?? "", fieldKey: url.searchParams.get("field") ?? "", caseId: url.searchParams.get("case") };
  try {
    const file = await services.uploadFile(user, target, readUploadedFile(request), localeOf(request));
    return json({ file }, { status: 201 });
  } catch (err) {
    return commandErrorResponse(err);
  }
}
