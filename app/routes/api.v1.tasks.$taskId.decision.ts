import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep, DecisionBody } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { localeOf } from "~/http.server";
import { services } from "~/services.server";

/** 同意 / 拒绝 / 退回 on the approver's open task; a task already closed is 409 已被处理. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  const decision = await readJsonBody(request, DecisionBody);
  return apiJson(CaseStep, caseStep(await services.decideTask(user, params.taskId ?? "", decision, localeOf(request))));
});

export const loader = methodNotAllowed;
