import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { commandErrorResponse, httpError, readForm } from "~/http.server";
import { services } from "~/services.server";

/** 重试 a case step that ran out of attempts (the dashboard's 办理异常 card posts here). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    await services.retryCaseIncident(user, String(form.get("incidentId") ?? "").slice(0, 64));
    return json({ retried: true });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export function loader() {
  throw httpError(404, "notFound");
}
