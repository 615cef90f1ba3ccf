import { apiCaller } from "~/api/apiAuth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { RevealBody, RevealedValue } from "~/api/apiSchemas.server";
import { services } from "~/services.server";

/** 查看: one masked value of a case in clear, for approvers and admins; every reveal is audited. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request);
  const body = await readJsonBody(request, RevealBody);
  const { value } = await services.revealValue(user, params.caseId ?? "", body.field, body.taskId);
  return apiJson(RevealedValue, { field: body.field, value });
});

export const loader = methodNotAllowed;
