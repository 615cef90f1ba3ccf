import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { AppClient } from "./support/appClient";
import { useDemoApp } from "./support/demoApp";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { cases, tasks } from "../db/schema";
import { getApplyPage } from "../workflows/services/applicationDrafts";
import { getCaseView, submitApplication } from "../workflows/services/cases";
import { createDraftFrom, writeDraft } from "../workflows/services/programDrafts";
import { publishDraft } from "../workflows/services/publishProgram";
import type { CaseCommandError } from "../workflows/runtime/errors";
import type { SessionUser } from "../workflows/services/identity";

/** 申请人自选: the applicant picks the street or district approver who decides. */
const FLOW = singleApprovalBpmn('mode="single" actions="approve,reject,return" commentRequiredOn="reject,return"', '<niangjia:assignee kind="initiatorChoice" field="approver"/>');
const pickerForm = {
  schemaVersion: 1,
  id: "test-picker",
  title: { zh: "自选审批人", en: "Chosen approver" },
  fields: [
    { key: "note", type: "text", label: { zh: "说明", en: "Note" }, required: true },
    { key: "approver", type: "approverPicker", label: { zh: "审批人", en: "Approver" }, required: true, levels: ["street", "district"] },
  ],
};

const ctx = useDemoApp();
let demo: ReturnType<typeof useDemoApp>["demo"];
let worker: SessionUser;
let programId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  demo = ctx.demo;
  worker = await demo.userByMobile("13900000001"); // 赵小明, 快递 union under 禾山街道 and 湖里区
  programId = await installTestProgram(demo.db, "picker", FLOW, "huli", pickerForm);
  for (const [name, mobile] of [["林芳", "13800000011"], ["张伟", "13800000021"], ["何静", "13800000022"], ["吴强", "13800000041"], ["李建国", "13800000001"]]) {
    ids[name] = (await demo.userByMobile(mobile)).id;
  }
});

let seq = 0;
const apply = (approver: unknown) => submitApplication(demo.db, worker, programId, { note: "请审批", approver }, `picker-${++seq}-${Date.now()}`, "zh");

describe("审批人自选: the applicant's choice of approver", () => {
  it("offers the street and district approvers of the applicant's own chain, named with their union", async () => {
    const page = await getApplyPage(demo.db, worker, programId);
    expect(page?.approverOptions.approver.map((c) => `${c.name}（${c.orgName}）`)).toEqual(["林芳（禾山街道总工会）", "何静（湖里区总工会）", "张伟（湖里区总工会）"]);
    // The JSON API offers the same people, so an API client can fill the field too.
    const client = new AppClient(ctx.app);
    await client.signIn("13900000001", DEMO_PASSWORD);
    const detail = (await (await client.get(`/api/v1/programs/${programId}`)).json()) as { approverOptions: Record<string, { id: string }[]> };
    expect(detail.approverOptions.approver.map((c) => c.id)).toEqual([ids["林芳"], ids["何静"], ids["张伟"]]);
  });

  it("hands the case to the chosen person, stored with the directory's name", async () => {
    const { caseId } = await apply([{ id: ids["张伟"], name: "改过的名字" }]);
    const open = await demo.db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, "open")));
    expect(open).toEqual([{ assigneeId: ids["张伟"] }]);
    const view = await getCaseView(demo.db, worker, caseId);
    expect(view.data.approver).toEqual([{ id: ids["张伟"], name: "张伟" }]);
  });

  it("refuses someone off the chain or at a level not offered, beside the field, and stores nothing", async () => {
    const before = (await demo.db.select({ id: cases.id }).from(cases).where(eq(cases.programId, programId))).length;
    for (const stranger of [ids["吴强"], ids["李建国"], "made-up-id"]) {
      const err = (await apply([{ id: stranger }]).catch((e: unknown) => e)) as CaseCommandError;
      expect(err.status).toBe(422);
      expect(err.fieldErrors).toEqual({ approver: "审批人中有人不在可选的审批人范围内，请重新选择" });
    }
    const err = (await apply([{ id: ids["林芳"] }, { id: ids["张伟"] }]).catch((e: unknown) => e)) as CaseCommandError;
    expect(err.fieldErrors).toEqual({ approver: "审批人最多选择1人" });
    expect((await demo.db.select({ id: cases.id }).from(cases).where(eq(cases.programId, programId))).length).toBe(before);
  });

  it("publishing refuses the applicant's choice read from a field that is not an approver picker", async () => {
    const admin = await demo.userByMobile("13800000000");
    const { draft } = await createDraftFrom(demo.db, admin, programId);
    const textField = { ...pickerForm, fields: [pickerForm.fields[0], { key: "approver", type: "text", label: { zh: "审批人", en: "Approver" } }] };
    await writeDraft(demo.db, draft.id, { formSchema: textField });
    const refused = await publishDraft(demo.db, admin, programId);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.zh)).toEqual(["环节“会签审批”由申请人自选审批人，字段 approver 应为“审批人自选”类型"]);
  });
});
