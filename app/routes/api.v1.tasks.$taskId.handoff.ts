import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { readJsonBody } from "~/api/apiBody.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { CaseStep, HandOffBody } from "~/api/apiSchemas.server";
import { caseStep } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** 转办 / 加签 / 抄送 on the approver's open task, to colleagues listed with the task. */
export const action = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  const command = await readJsonBody(request, HandOffBody);
  return apiJson(CaseStep, caseStep(await services.commandTask(user, params.taskId ?? "", command)));
});

export const loader = methodNotAllowed;
