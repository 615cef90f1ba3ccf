import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createUser } from "../db/users";
import { programs, programVersions } from "../db/schema";
import { simpleApproval } from "../workflows/lint/testFlows";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import { getFlowDesign, saveFlowDraft, testRunFlow, xmlHash } from "../workflows/services/flowDrafts";
import { createDemoDb } from "./support/demoDb";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;
let simingAdmin: SessionUser;
let programId: string;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  const other = await createUser(demo.db, { name: "思明管理员", mobile: "13800000098", password: "Niangjia@2026", orgId: "siming", roles: [{ role: "admin" }] });
  simingAdmin = (await loadSessionUser(demo.db, other.id))!;
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  programId = p.id;
});
afterAll(async () => {
  await demo?.close();
});

const versions = () => demo.db.select().from(programVersions).where(eq(programVersions.programId, programId));

describe("flow drafts (the modeler's server side)", () => {
  it("opens the published flow with its form fields and problems, writing nothing", async () => {
    const design = await getFlowDesign(demo.db, admin, programId);
    expect(design.version.status).toBe("published");
    expect(design.hasDraft).toBe(false);
    expect(design.bpmnXml).toContain("GrassrootsReview");
    expect(design.baseHash).toBe(xmlHash(design.bpmnXml));
    expect(design.fields.map((f) => f.key)).toContain("name");
    expect(design.fields.map((f) => f.key)).not.toContain("consent");
    expect(design.problems).toEqual([]);
    expect(await versions()).toHaveLength(1);
  });

  it("is not found for an admin of another district", async () => {
    await expect(getFlowDesign(demo.db, simingAdmin, programId)).rejects.toMatchObject({ status: 404 });
    await expect(saveFlowDraft(demo.db, simingAdmin, programId, simpleApproval(), "x")).rejects.toMatchObject({ status: 404 });
    await expect(testRunFlow(demo.db, simingAdmin, programId, { xml: simpleApproval() })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses what is not BPMN at all and writes nothing", async () => {
    const { baseHash } = await getFlowDesign(demo.db, admin, programId);
    for (const bad of ["", "not xml", 42]) {
      await expect(saveFlowDraft(demo.db, admin, programId, bad, baseHash)).rejects.toMatchObject({ status: 400, code: "invalidFlow" });
    }
    expect(await versions()).toHaveLength(1);
  });

  it("saves a flow with problems into a new draft, reports them, and leaves the published version alone", async () => {
    const design = await getFlowDesign(demo.db, admin, programId);
    const published = (await versions())[0];
    const broken = design.bpmnXml.replace(/<bpmn:sequenceFlow id="Flow_3"[^>]*\/>/, "");
    const saved = await saveFlowDraft(demo.db, admin, programId, broken, design.baseHash);
    expect(saved.created).toBe(true);
    expect(saved.draftVersion).toBe(published.version + 1);
    expect(saved.errorCount).toBeGreaterThan(0);
    expect(saved.problems.some((p) => p.code === "node.deadEnd" && p.elementId === "AssignMemberNo")).toBe(true);
    const rows = await versions();
    const draft = rows.find((r) => r.status === "draft")!;
    expect(draft.bpmnXml).toBe(broken);
    // the last definition that compiled is kept; publishing compiles the XML again
    expect(draft.flowDefinition).toEqual(published.flowDefinition);
    expect(rows.find((r) => r.status === "published")).toEqual(published);

    const reopened = await getFlowDesign(demo.db, admin, programId);
    expect(reopened).toMatchObject({ hasDraft: true, bpmnXml: broken, baseHash: saved.baseHash });
    expect(reopened.problems.length).toBe(saved.problems.length);
  });

  it("stores the compiled definition when the flow compiles", async () => {
    const { baseHash } = await getFlowDesign(demo.db, admin, programId);
    const saved = await saveFlowDraft(demo.db, admin, programId, simpleApproval(), baseHash);
    expect(saved).toMatchObject({ created: false, errorCount: 0 });
    const draft = (await versions()).find((r) => r.status === "draft")!;
    expect(Object.keys((draft.flowDefinition as { nodes: object }).nodes).sort()).toEqual(["End", "Review", "Start"]);
  });

  it("refuses to overwrite a change made since the modeler opened the flow (and one of two racing saves)", async () => {
    const { baseHash } = await getFlowDesign(demo.db, admin, programId);
    const a = simpleApproval().replace("基层工会审批", "甲的修改");
    const b = simpleApproval().replace("基层工会审批", "乙的修改");
    const results = await Promise.allSettled([saveFlowDraft(demo.db, admin, programId, a, baseHash), saveFlowDraft(demo.db, admin, programId, b, baseHash)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: "flowChanged" });
    expect(refused.reason.messageZh).toContain("已被修改");
    await expect(saveFlowDraft(demo.db, admin, programId, a, "stale")).rejects.toMatchObject({ status: 409 });
    const draft = (await versions()).find((r) => r.status === "draft")!;
    expect([a, b]).toContain(draft.bpmnXml);
  });

  it("test-runs the XML it is given, in memory", async () => {
    const before = await versions();
    const run = await testRunFlow(demo.db, admin, programId, { xml: simpleApproval(), data: {}, events: [] });
    expect(run.ok).toBe(true);
    if (run.ok) expect(run.steps[0].active).toEqual(["Review"]);
    expect(await versions()).toEqual(before);
  });
});
