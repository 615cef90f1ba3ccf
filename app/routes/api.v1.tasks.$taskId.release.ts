import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** 释放: the claimer gives the task back to the pool. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  return apiJson(CaseStep, caseStep(await services.releaseTask(user, params.taskId ?? "")));
});

export const loader = methodNotAllowed;
