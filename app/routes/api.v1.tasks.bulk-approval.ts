import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { BulkApprovalBody, BulkApprovalResult } from "~/api/apiSchemas.server";
import { services } from "~/services.server";

/** 批量同意: each case on its own, as from the inbox; failures come back in the answer. */
export const action = apiHandler(async ({ request }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  const { taskIds, comment } = await readJsonBody(request, BulkApprovalBody);
  return apiJson(BulkApprovalResult, await services.bulkApprove(user, taskIds, comment));
});

export const loader = methodNotAllowed;
