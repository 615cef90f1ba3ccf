import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { auditLog, cases, tasks } from "../db/schema";
import { verifyAuditChain } from "../db/audit";
import { decideTask, getCaseView, submitApplication } from "../workflows/services/cases";
import { refusal } from "./support/refusal";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let programId: string;
let worker: SessionUser;
let unit: SessionUser;

/** 家庭人均月收入 is computed; the approver may correct 家庭总收入 and 家庭人口 (a section), not 申请事由. */
const incomeForm = {
  schemaVersion: 1,
  id: "test-income",
  title: { zh: "收入核实", en: "Income check" },
  fields: [
    { key: "reason", type: "textarea", label: { zh: "申请事由", en: "Reason" }, required: true },
    { key: "household", type: "group", label: { zh: "家庭情况", en: "Household" } },
    { key: "income", type: "money", label: { zh: "家庭总收入", en: "Household income" }, required: true, min: 0 },
    { key: "people", type: "number", label: { zh: "家庭人口", en: "Household size" }, required: true, min: 1, max: 20, integer: true },
    { key: "perCapita", type: "computed", label: { zh: "家庭人均月收入", en: "Income per person" }, expression: "income / people" },
    { key: "secret", type: "text", label: { zh: "内部备注", en: "Internal note" } },
    { key: "consent", type: "consent", label: { zh: "承诺", en: "Declaration" }, text: { zh: "以上情况属实。", en: "The above is true." }, version: "1" },
  ],
};

const permissions = '<niangjia:fieldPermission field="household" access="editable"/><niangjia:fieldPermission field="secret" access="hidden"/>';

beforeAll(async () => {
  demo = await createDemoDb();
  programId = await installTestProgram(
    demo.db,
    "edits",
    singleApprovalBpmn('mode="single" actions="approve,reject,return"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>', permissions),
    "huli",
    incomeForm,
  );
  worker = await demo.userByMobile("13900000001");
  unit = await demo.userByMobile("13800000001");
});
afterAll(() => demo.close());

let seq = 0;
async function newCase() {
  const { caseId } = await submitApplication(demo.db, worker, programId, { reason: "家中困难", income: 6000, people: 3, secret: "无", consent: true }, `approver-edits-${++seq}`, "zh");
  const [task] = await demo.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.assigneeId, unit.id), eq(tasks.status, "open")));
  return { caseId, taskId: task.id };
}

const rowOf = async (caseId: string) => (await demo.db.select().from(cases).where(eq(cases.id, caseId)))[0];

describe("approver edits of 可编辑 fields", () => {
  it("an editable field (through its section) changes on approve, the computed field follows, the timeline names the change", async () => {
    const { caseId, taskId } = await newCase();
    await decideTask(demo.db, unit, taskId, { action: "approve", comment: "核实后更正", edits: { income: 4500 } });
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.status).toBe("approved");
    expect(view.data).toMatchObject({ reason: "家中困难", income: 4500, people: 3, perCapita: 1500, secret: "无" });
    const approval = view.timeline.find((e) => e.action === "approve");
    // Only what changed: not the consent, whose stored jsonb comes back with its keys reordered.
    expect(approval?.changedFields).toEqual([incomeForm.fields[2].label, incomeForm.fields[4].label]);
    expect((await verifyAuditChain(demo.db)).problems).toEqual([]);
  });

  it("refuses a change to a 只读 or 隐藏 field with the field's message, and changes nothing", async () => {
    const { caseId, taskId } = await newCase();
    const before = await rowOf(caseId);
    const readonly = await refusal(decideTask(demo.db, unit, taskId, { action: "approve", comment: "", edits: { reason: "改了" } }));
    expect(readonly.status).toBe(422);
    expect(readonly.fieldErrors?.reason).toContain("申请事由");
    const hidden = await refusal(decideTask(demo.db, unit, taskId, { action: "approve", comment: "", edits: { secret: "看不到也改" } }));
    expect(hidden.fieldErrors?.secret).toBeTruthy();
    const after = await rowOf(caseId);
    expect(after.version).toBe(before.version);
    expect(after.data).toEqual(before.data);
    expect(await demo.db.select().from(auditLog).where(eq(auditLog.caseId, caseId))).toHaveLength(1);
  });

  it("runs the form's validator over the result: a bad value is refused beside its field, in English on request", async () => {
    const { caseId, taskId } = await newCase();
    const zh = await refusal(decideTask(demo.db, unit, taskId, { action: "approve", comment: "", edits: { people: 0 } }));
    expect(zh.fieldErrors?.people).toMatch(/家庭人口/);
    const en = await refusal(decideTask(demo.db, unit, taskId, { action: "approve", comment: "", edits: { income: "很多" } }, "en"));
    expect(en.fieldErrors?.income).toMatch(/Household income/);
    expect((await rowOf(caseId)).status).toBe("running");
  });

  it("an unchanged value is no change; edits are ignored when returning", async () => {
    const first = await newCase();
    await decideTask(demo.db, unit, first.taskId, { action: "approve", comment: "", edits: { income: 6000, people: 3 } });
    expect((await getCaseView(demo.db, worker, first.caseId)).timeline.find((e) => e.action === "approve")?.changedFields).toEqual([]);
    const second = await newCase();
    await decideTask(demo.db, unit, second.taskId, { action: "return", comment: "请补充材料", edits: { income: 1 } });
    expect((await rowOf(second.caseId)).data).toMatchObject({ income: 6000 });
  });
});
