import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { programs, programVersions } from "../../db/schema";
import { createDemoDb, membershipApplication } from "../../tests/support/demoDb";
import type { FlowDefinition } from "../types";
import { listMyTasks, submitApplication } from "./cases";
import { taskFieldAccess } from "./taskFieldAccess";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;

beforeAll(async () => {
  demo = await createDemoDb();
});
afterAll(() => demo.close());

describe("taskFieldAccess", () => {
  it("resolves the node's 可编辑/只读/隐藏 entries on the pinned flow version through the form model", async () => {
    const [program] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
    const [version] = await demo.db.select().from(programVersions).where(eq(programVersions.programId, program.id));
    // Set the entries the modeler would write: hide the ID number at every approval node, let it edit the mobile.
    const flow = version.flowDefinition as FlowDefinition;
    for (const node of Object.values(flow.nodes)) if (node.kind === "userTask") node.approval.fieldPermissions = { idNumber: "hidden", mobile: "editable" };
    await demo.db.update(programVersions).set({ flowDefinition: flow }).where(eq(programVersions.id, version.id));

    const worker = await demo.userByMobile("13900000003");
    const { caseId } = await submitApplication(demo.db, worker, program.id, membershipApplication({ photo: [] }), "field-access-1", "zh");
    const approver = await demo.userByMobile("13800000002");
    const task = (await listMyTasks(demo.db, approver)).find((t) => t.caseId === caseId);
    expect(task).toBeTruthy();
    const access = await taskFieldAccess(demo.db, approver, task!.taskId);
    expect(access).toMatchObject({ idNumber: "hidden", mobile: "editable", name: "readonly", consent: "readonly" });
    // Nobody else's task.
    await expect(taskFieldAccess(demo.db, worker, task!.taskId)).rejects.toThrow();
  });
});
