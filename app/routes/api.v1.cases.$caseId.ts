import { apiCaller } from "~/api/apiAuth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseDetail } from "~/api/apiSchemas.server";
import { caseDetail } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** A case the caller may see (applicant, approver over its org, assignee, or copied); 404 otherwise. */
export const loader = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request);
  return apiJson(CaseDetail, caseDetail(await services.getCaseView(user, params.caseId ?? "")));
});

export const action = methodNotAllowed;
