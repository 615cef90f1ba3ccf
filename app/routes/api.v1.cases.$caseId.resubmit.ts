import { apiCaller } from "~/api/apiAuth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiHandler, apiJson, apiLocale, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep, ResubmitBody } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** 重新提交: the applicant answers a return with corrected data. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request);
  const body = await readJsonBody(request, ResubmitBody);
  return apiJson(CaseStep, caseStep(await services.resubmitCase(user, params.caseId ?? "", body.data, apiLocale(request))));
});

export const loader = methodNotAllowed;
