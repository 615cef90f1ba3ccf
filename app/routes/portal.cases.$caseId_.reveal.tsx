import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser, verifyCsrf } from "~/auth.server";
import { commandErrorResponse, readForm } from "~/http.server";
import { services } from "~/services.server";

/** 查看 on a case or task page: POST `field` (and `taskId` from a task page); answers the value, audited. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const taskId = String(form.get("taskId") ?? "") || undefined;
  try {
    return json(await services.revealValue(user, params.caseId ?? "", String(form.get("field") ?? ""), taskId));
  } catch (err) {
    return commandErrorResponse(err);
  }
}
