import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { TaskDetail } from "~/api/apiSchemas.server";
import { caseDetail } from "~/api/apiViews.server";
import { services } from "~/services.server";

/** One of the approver's tasks with its case, what the node allows and who it may be handed to. */
export const loader = apiHandler(async ({ request, params }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  // As on the task page: the node's 隐藏 fields left out, personal numbers masked.
  const { task, view } = await services.taskCaseView(user, params.taskId ?? "");
  const allowed = await services.taskActions(task.id);
  const colleagues = task.status === "open" ? await services.colleaguesFor(user, task.id) : [];
  return apiJson(TaskDetail, {
    task: { id: task.id, name: task.name, status: task.status, nodeId: task.nodeId },
    case: caseDetail(view),
    allowedActions: allowed.actions,
    commentRequiredOn: allowed.commentRequiredOn,
    colleagues,
  });
});

export const action = methodNotAllowed;
