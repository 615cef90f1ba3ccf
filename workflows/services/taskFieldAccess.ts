import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, programVersions } from "../../db/schema";
import { fieldAccessFor, type FieldAccessMap } from "../../forms/fieldAccess";
import type { FormSchema } from "../../forms/schema";
import type { FlowDefinition } from "../types";
import { getTask } from "./cases";
import type { SessionUser } from "./identity";

/**
 * What the assignee of a task may see and change of the case's form at that node (可编辑 / 只读 /
 * 隐藏): the node's entries on the pinned flow version, resolved by the form model (fieldAccessFor).
 */
export async function taskFieldAccess(db: Db, user: SessionUser, taskId: string): Promise<FieldAccessMap> {
  const task = await getTask(db, user, taskId);
  const [row] = await db
    .select({ formSchema: programVersions.formSchema, flowDefinition: programVersions.flowDefinition })
    .from(cases)
    .innerJoin(programVersions, eq(programVersions.id, cases.programVersionId))
    .where(eq(cases.id, task.caseId));
  const node = (row?.flowDefinition as FlowDefinition | undefined)?.nodes[task.nodeId];
  return fieldAccessFor(row.formSchema as FormSchema, node?.kind === "userTask" ? node.approval.fieldPermissions : {});
}
