import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, verifyCsrf } from "~/auth.server";
import { commandErrorResponse, parsePayload, readForm } from "~/http.server";
import { services } from "~/services.server";

/** Autosave of the apply page (fetch while typing, a beacon when the page is hidden): `payload` is the form's values as JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    const result = await services.saveDraft(user, params.programId ?? "", parsePayload(form), String(form.get("submitKey") ?? ""));
    return json(result);
  } catch (err) {
    return commandErrorResponse(err);
  }
}
