import { apiCaller } from "~/api/apiAuth.server";
import { TASK_ROLES } from "~/auth.server";
import { apiHandler, apiJson, methodNotAllowed } from "~/api/apiRoute.server";
import { TaskList } from "~/api/apiSchemas.server";
import { services } from "~/services.server";

/** The approver's open tasks (待办), oldest first. */
export const loader = apiHandler(async ({ request }) => {
  const { user } = await apiCaller(request, TASK_ROLES);
  const rows = await services.listMyTasks(user);
  return apiJson(TaskList, {
    tasks: rows.map((r) => ({
      id: r.taskId,
      name: r.taskName,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt?.toISOString() ?? null,
      caseId: r.caseId,
      caseNo: r.caseNo,
      applicantName: r.applicantName,
      programName: r.programName,
      programNameEn: r.programNameEn,
      claimable: r.claimable,
      claimedByMe: r.claimedByMe,
      allowBulk: r.allowBulk,
    })),
  });
});

export const action = methodNotAllowed;
