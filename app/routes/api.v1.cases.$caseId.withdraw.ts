import { apiCaller } from "~/api/apiAuth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** 撤回: the applicant withdraws before the first approver acts. No body. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request);
  return apiJson(CaseStep, caseStep(await services.withdrawCase(user, params.caseId ?? "")));
});

export const loader = methodNotAllowed;
