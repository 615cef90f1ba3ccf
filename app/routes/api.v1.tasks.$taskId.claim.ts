import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** 认领: take a pool task; a colleague's claim that came first answers 409 `claimed`. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  return apiJson(CaseStep, caseStep(await services.claimTask(user, params.taskId ?? "")));
});

export const loader = methodNotAllowed;
