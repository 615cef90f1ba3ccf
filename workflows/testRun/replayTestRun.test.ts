import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { approval, bpmn, simpleApproval } from "../lint/testFlows";
import type { CaseEvent } from "../types";
import { replayTestRun, type TestRunResult } from "./replayTestRun";

const membership = readFileSync(new URL("../../plugins/core/programs/membership/flow.bpmn", import.meta.url), "utf8");

type Ok = Extract<TestRunResult, { ok: true }>;

async function run(xml: string, events: CaseEvent[] = [], data: Record<string, unknown> = {}): Promise<Ok> {
  const result = await replayTestRun({ xml, data, events });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

/** Click through: each time take the first offered action matching `pick`. */
async function clickThrough(xml: string, picks: ((label: string) => boolean)[], data: Record<string, unknown> = {}): Promise<Ok> {
  const events: CaseEvent[] = [];
  let result = await run(xml, events, data);
  for (const pick of picks) {
    const action = result.next.find((a) => pick(a.label.zh));
    if (!action) throw new Error(`no action among ${result.next.map((a) => a.label.zh).join(" | ")}`);
    events.push(action.event);
    result = await run(xml, events, data);
    expect(result.refusal).toBeNull();
  }
  return result;
}

const last = (r: Ok) => r.steps[r.steps.length - 1];

describe("test run replay (pure engine, sample org chain, nothing written)", () => {
  it("runs the membership flow to its end and colours the path", async () => {
    const r = await clickThrough(membership, [(l) => l === "基层审批人甲：同意", (l) => l.includes("处理成功")]);
    expect(r.steps.map((s) => s.status)).toEqual(["running", "running", "approved"]);
    expect(r.steps.map((s) => s.active)).toEqual([["GrassrootsReview"], ["AssignMemberNo"], ["End"]]);
    expect(r.steps.flatMap((s) => s.flows)).toEqual(["Flow_1", "Flow_2", "Flow_3"]);
    expect(r.steps[0].openTasks[0].assignees).toEqual(["sample:grassroots:1", "sample:grassroots:2", "sample:grassroots:3"]);
    expect(r.steps[1].pendingJobs.map((j) => j.kind)).toEqual(["service"]);
    expect(last(r).pendingJobs).toEqual([]);
    expect(r.next).toEqual([]);
  });

  it("is deterministic: the same input gives the same run", async () => {
    const first = await clickThrough(membership, [(l) => l === "基层审批人乙：同意"]);
    const again = await replayTestRun({ xml: membership, data: {}, events: first.steps.slice(1).map((s) => s.event) });
    expect(again).toEqual(first);
  });

  it("offers only what the flow allows and says why an event is refused", async () => {
    const r = await run(membership);
    const labels = r.next.map((a) => a.label.zh);
    expect(labels).toContain("基层审批人甲：同意");
    expect(labels).toContain("基层审批人丙：退回申请人");
    expect(labels).toContain("样例申请人：撤回申请");
    expect(labels).toContain("基层审批人甲：转办给基层管理员"); // the membership node allows 转办, 加签, 抄送
    const plain = (await run(simpleApproval())).next.map((a) => a.label.zh);
    expect(plain.some((l) => l.includes("转办") || l.includes("加签") || l.includes("抄送"))).toBe(false); // default actions: approve, reject, return
    const refused = await run(membership, [{ type: "APPROVE", nodeId: "GrassrootsReview", by: "sample:street:1" }]);
    expect(refused.steps).toHaveLength(1);
    expect(refused.refusal).toMatchObject({ index: 0 });
    expect(refused.refusal?.message.zh).toBeTruthy();
    const noComment = await run(membership, [{ type: "REJECT", nodeId: "GrassrootsReview", by: "sample:grassroots:1", comment: "" }]);
    expect(noComment.refusal?.code).toBe("commentRequired");
  });

  it("returns to the applicant and resumes at the same step after 重新提交", async () => {
    const r = await clickThrough(membership, [(l) => l === "基层审批人甲：退回申请人", (l) => l === "样例申请人：重新提交"]);
    expect(r.steps.map((s) => s.status)).toEqual(["running", "returned", "running"]);
    expect(last(r).active).toEqual(["GrassrootsReview"]);
  });

  it("routes an exclusive gateway by the sample data, as the engine does", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "提交" },
        { id: "G", type: "exclusiveGateway", name: "金额？" },
        { id: "District", type: "userTask", name: "区总审批", inner: approval('mode="single"', 'kind="orgLevel" level="district"') },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "G" },
        { id: "Big", from: "G", to: "District", condition: "amount > 1000" },
        { id: "Small", from: "G", to: "End" },
        { id: "F3", from: "District", to: "End" },
      ],
      { defaults: { G: "Small" } },
    );
    const big = await run(xml, [], { amount: 2000 });
    expect(big.steps[0]).toMatchObject({ status: "running", active: ["District"], flows: ["F1", "Big"] });
    expect(big.next[0].label.zh).toBe("区总审批人：同意");
    const small = await run(xml, [], { amount: 10 });
    expect(small.steps[0]).toMatchObject({ status: "approved", active: ["End"], flows: ["F1", "Small"] });
    expect(small.next).toEqual([]);
  });

  it("a step may ask for a written opinion on 同意 too; a 会签 vote without one is refused, with one it counts", async () => {
    for (const mode of ["single", "all"]) {
      const xml = simpleApproval(approval(`mode="${mode}" commentRequiredOn="approve,reject"`, 'kind="orgLevel" level="grassroots"'));
      const bare = await run(xml, [{ type: "APPROVE", nodeId: "Review", by: "sample:grassroots:1", comment: " " }]);
      expect(bare.refusal).toMatchObject({ code: "commentRequired", message: { zh: "此环节同意时也须填写审批意见" } });
      const said = await run(xml, [{ type: "APPROVE", nodeId: "Review", by: "sample:grassroots:1", comment: "情况属实，同意" }]);
      expect(said.refusal).toBeNull();
      expect(said.steps).toHaveLength(2);
    }
  });

  it("审批人自选: the sample applicant's pick decides who is asked", async () => {
    const xml = simpleApproval(approval('mode="single"', 'kind="initiatorChoice" field="approver"'));
    const r = await run(xml, [], { approver: [{ id: "sample:street:2", name: "街道审批人乙" }] });
    expect(r.steps[0].openTasks[0].assignees).toEqual(["sample:street:2"]);
    expect(r.next.map((a) => a.label.zh)).toContain("街道审批人乙：同意");
  });

  it("会签 waits for every approver; an SLA timeout can be simulated", async () => {
    const xml = simpleApproval(approval('mode="all"', 'kind="orgLevel" level="grassroots"', '<niangjia:sla workingDays="2" onTimeout="approve" />'));
    const started = await run(xml);
    expect(started.steps[0].pendingJobs.map((j) => j.kind)).toEqual(["timer"]);
    const one = await clickThrough(xml, [(l) => l === "基层审批人甲：同意"]);
    expect(last(one).status).toBe("running");
    expect(last(one).openTasks[0].assignees).toEqual(["sample:grassroots:2", "sample:grassroots:3"]);
    const timedOut = await clickThrough(xml, [(l) => l === "基层审批人甲：同意", (l) => l.includes("超时")]);
    expect(last(timedOut).status).toBe("approved");
    expect(Date.parse(last(timedOut).at)).toBeGreaterThan(Date.parse(timedOut.steps[1].at) + 86_400_000);
  });

  it("colours both branches of a parallel block, each into the join", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "提交" },
        { id: "Fork", type: "parallelGateway" },
        { id: "A", type: "userTask", name: "基层", inner: approval('mode="single"', 'kind="orgLevel" level="grassroots"') },
        { id: "B", type: "userTask", name: "街道", inner: approval('mode="single"', 'kind="orgLevel" level="street"') },
        { id: "Join", type: "parallelGateway" },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "Fork" },
        { id: "FA", from: "Fork", to: "A" },
        { id: "FB", from: "Fork", to: "B" },
        { id: "AJ", from: "A", to: "Join" },
        { id: "BJ", from: "B", to: "Join" },
        { id: "F9", from: "Join", to: "End" },
      ],
    );
    const r = await clickThrough(xml, [(l) => l === "基层审批人甲：同意", (l) => l === "街道审批人甲：同意"]);
    expect(r.steps.map((s) => s.active)).toEqual([["A", "B"], ["B"], ["End"]]);
    expect(r.steps.map((s) => [...s.flows].sort())).toEqual([["F1", "FA", "FB"], ["AJ"], ["BJ", "F9"]]);
    expect(last(r).status).toBe("approved");
  });

  it("follows an interrupting boundary timer off its task", async () => {
    const timer = '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT48H</bpmn:timeDuration></bpmn:timerEventDefinition>';
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "提交" },
        { id: "A", type: "userTask", name: "基层", inner: approval('mode="single"', 'kind="orgLevel" level="grassroots"') },
        { id: "End", type: "endEvent", name: "结束" },
        { id: "Late", type: "boundaryEvent", name: "两天未办", attrs: 'attachedToRef="A"', inner: timer },
        { id: "District", type: "userTask", name: "区总督办", inner: approval('mode="single"', 'kind="orgLevel" level="district"') },
        { id: "End2", type: "endEvent", name: "督办结束" },
      ],
      [
        { id: "F1", from: "Start", to: "A" },
        { id: "F2", from: "A", to: "End" },
        { id: "F3", from: "Late", to: "District" },
        { id: "F4", from: "District", to: "End2" },
      ],
    );
    const r = await clickThrough(xml, [(l) => l === "模拟「两天未办」时间到"]);
    expect(last(r).active).toEqual(["District"]);
    expect(last(r).nodes).toContain("Late");
    expect(last(r).flows).toEqual(["F3"]);
  });

  it("enters and leaves an embedded sub-process", async () => {
    const inner = bpmn(
      [
        { id: "SStart", type: "startEvent", name: "子流程开始" },
        { id: "Inner", type: "userTask", name: "子流程审批", inner: approval('mode="single"', 'kind="orgLevel" level="street"') },
        { id: "SEnd", type: "endEvent", name: "子流程结束" },
      ],
      [
        { id: "S1", from: "SStart", to: "Inner" },
        { id: "S2", from: "Inner", to: "SEnd" },
      ],
    );
    const body = inner.slice(inner.indexOf('<bpmn:startEvent id="SStart"'), inner.indexOf("</bpmn:process>"));
    const outer = bpmn(
      [
        { id: "Start", type: "startEvent", name: "提交" },
        { id: "Sub", type: "task", name: "子流程" },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "Sub" },
        { id: "F2", from: "Sub", to: "End" },
      ],
    );
    const xml = outer.replace(/<bpmn:task id="Sub" name="子流程">(.*?)<\/bpmn:task>/, `<bpmn:subProcess id="Sub" name="子流程">$1${body}</bpmn:subProcess>`);
    const started = await run(xml);
    expect(started.steps[0]).toMatchObject({ active: ["Inner"], flows: ["F1", "S1"] });
    const done = await clickThrough(xml, [(l) => l === "街道审批人甲：同意"]);
    expect(last(done)).toMatchObject({ status: "approved", active: ["End"], flows: ["S2", "F2"] });
  });

  it("refuses a flow the compiler refuses, and malformed input, without throwing", async () => {
    const refused = await replayTestRun({ xml: "<nope/>", data: {}, events: [] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0].severity).toBe("error");
    for (const bad of [null, 5, { xml: 5 }, { xml: membership, events: [{ type: "EXPLODE" }] }, { xml: membership, data: [] }]) {
      const r = await replayTestRun(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0].code).toBe("testRun.input");
    }
  });
});
