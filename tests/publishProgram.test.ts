import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb, membershipApplication } from "./support/demoDb";
import { programs, programVersions, tasks } from "../db/schema";
import { createDraftFrom, writeDraft } from "../workflows/services/programDrafts";
import { publishDraft } from "../workflows/services/publishProgram";
import { decideTask, getCaseView, submitApplication } from "../workflows/services/cases";
import { CaseCommandError } from "../workflows/runtime/errors";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;
let membershipId: string;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.ownerOrgId, "huli")));
  membershipId = p.id;
});
afterAll(() => demo.close());

const versionsOf = async (programId: string) =>
  (await demo.db.select({ version: programVersions.version, status: programVersions.status }).from(programVersions).where(eq(programVersions.programId, programId))).sort((a, b) => a.version - b.version);

describe("publishing a program version", () => {
  it("refuses with no draft", async () => {
    const err = await publishDraft(demo.db, admin, membershipId).catch((e: unknown) => e);
    expect((err as CaseCommandError).status).toBe(409);
  });

  it("refuses a flow the engine cannot run and permissions for a missing field, naming the element; nothing changes", async () => {
    const { draft } = await createDraftFrom(demo.db, admin, membershipId);
    const broken = draft.bpmnXml.replace('<bpmn:serviceTask id="AssignMemberNo"', '<bpmn:scriptTask id="Script1" name="脚本"/><bpmn:serviceTask id="AssignMemberNo"');
    await writeDraft(demo.db, draft.id, { bpmnXml: broken });
    const refused = await publishDraft(demo.db, admin, membershipId);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.some((p) => p.elementId === "Script1")).toBe(true);

    const gated = draft.bpmnXml.replace('<niangjia:assignee kind="orgLevel" level="grassroots" role="approver" />', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver" /><niangjia:fieldPermission field="salary" access="editable" />');
    expect(gated).not.toBe(draft.bpmnXml);
    await writeDraft(demo.db, draft.id, { bpmnXml: gated });
    const unknownField = await publishDraft(demo.db, admin, membershipId);
    expect(unknownField.ok).toBe(false);
    if (!unknownField.ok) expect(unknownField.problems.map((p) => p.zh).join()).toContain("salary");
    expect(await versionsOf(membershipId)).toEqual([
      { version: 1, status: "published" },
      { version: 2, status: "draft" },
    ]);
    await writeDraft(demo.db, draft.id, { bpmnXml: draft.bpmnXml });
  });

  it("publishes the draft as the new version; a case started on the old version finishes on it", async () => {
    const worker = await demo.userByMobile("13900000003");
    const running = await submitApplication(demo.db, worker, membershipId, membershipApplication(), "publish-old-version", "zh");
    const result = await publishDraft(demo.db, admin, membershipId);
    expect(result).toEqual({ ok: true, version: 2 });
    expect(await versionsOf(membershipId)).toEqual([
      { version: 1, status: "retired" },
      { version: 2, status: "published" },
    ]);
    const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, running.caseId), eq(tasks.status, "open")));
    const approver = await demo.userByMobile("13800000002");
    await decideTask(demo.db, approver, task.id, { action: "approve", comment: "同意" });
    const view = await getCaseView(demo.db, worker, running.caseId);
    expect(view.version).toBeGreaterThan(1);
    const fresh = await submitApplication(demo.db, worker, membershipId, membershipApplication(), "publish-new-version", "zh");
    const [a, b] = await Promise.all([running.caseId, fresh.caseId].map(async (id) => (await getCaseView(demo.db, worker, id)).timeline.length));
    expect(a).toBeGreaterThan(b);
  });
});
