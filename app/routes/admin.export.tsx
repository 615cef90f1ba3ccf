import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { statusLabelKey } from "~/components/CaseStatusTag";
import { isCommandError, localeOf, readForm } from "~/http.server";
import { translate } from "~/i18n/messages";
import { caseStatuses, services } from "~/services.server";

const FIELDS = ["programId", "status", "orgId", "from", "to", "format", "unmasked", "reason"] as const;
const FILTERS = ["programId", "status", "orgId", "from", "to"] as const;

/**
 * 导出 from the dashboard: answers the file itself (the page stays where it is), or goes back to
 * the dashboard with the refusal in the address — the form posts as a plain download.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const locale = localeOf(request);
  const input = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "").slice(0, 200)]));
  const statusLabels = Object.fromEntries(caseStatuses.map((s) => [s, translate(locale, statusLabelKey(s))]));
  try {
    const file = await services.exportCases(user, input, statusLabels, locale);
    return new Response(new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="export.${file.filename.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "no-store",
        "X-Export-Rows": String(file.rows),
      },
    });
  } catch (err) {
    if (!isCommandError(err)) throw err;
    const back = new URLSearchParams(FILTERS.filter((k) => input[k]).map((k) => [k, input[k]]));
    back.set("exportError", JSON.stringify({ code: err.code, message: err.messageZh, messageEn: err.messageEn, fieldErrors: err.fieldErrors ?? {} }));
    return redirect(`/admin?${back.toString()}`);
  }
}

export const loader = () => redirect("/admin");
