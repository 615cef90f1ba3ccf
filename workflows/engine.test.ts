import { describe, expect, it } from "vitest";
import { compileBpmn } from "./compile";
import { applyEvent, startCase } from "./engine";
import { FlowRejection, type CaseEvent, type EngineEnv, type FlowDefinition, type Step } from "./types";
import { approval, bpmnDoc, chain, flows, parallelDepartmentsBpmn } from "../tests/support/bpmnText";

const env: EngineEnv = { now: "2026-03-02T01:00:00.000Z", directory: { applicantId: "w", chain: [], programAdmins: [] } };

async function definition(xml: string): Promise<FlowDefinition> {
  const r = await compileBpmn(xml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.definition;
}

/** Run events in order from a fresh case; returns every step. */
function run(def: FlowDefinition, events: CaseEvent[], data: Record<string, unknown> = {}): Step[] {
  const steps = [startCase(def, { data, applicantId: "w" }, env)];
  for (const e of events) steps.push(applyEvent(def, steps[steps.length - 1].snapshot, e, env));
  return steps;
}

const open = (s: Step) => s.openTasks.map((t) => `${t.nodeId}:${t.assignees.join("+")}`).sort();
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof FlowRejection) return err.code;
    throw err;
  }
  return null;
};

describe("parallel block (fork/join → parallel state)", () => {
  it("opens a task in every branch; the join waits for all, then the district decides", async () => {
    const def = await definition(parallelDepartmentsBpmn());
    const [start, a, b, d] = run(def, [
      { type: "APPROVE", nodeId: "deptB", by: "b" },
      { type: "APPROVE", nodeId: "deptA", by: "a" },
      { type: "APPROVE", nodeId: "district", by: "d" },
    ]);
    expect(open(start)).toEqual(["deptA:a", "deptB:b"]);
    expect(start.snapshot).toMatchObject({ value: { fork: { $0: "deptA", $1: "deptB" } } });
    expect(open(a)).toEqual(["deptA:a"]);
    expect(a.status).toBe("running");
    expect(open(b)).toEqual(["district:d"]);
    expect(d.status).toBe("approved");
  });

  it("a rejection in one branch ends the whole case and closes the other branch's task", async () => {
    const def = await definition(parallelDepartmentsBpmn());
    const [, rejected] = run(def, [{ type: "REJECT", nodeId: "deptA", by: "a", comment: "不同意" }]);
    expect(rejected.status).toBe("rejected");
    expect(rejected.openTasks).toEqual([]);
    expect(rejected.effects.filter((e) => e.type === "cancelJobs").map((e) => e.type === "cancelJobs" && e.keyPrefix)).toEqual(expect.arrayContaining(["sla:deptA:", "sla:deptB:"]));
  });

  it("退回 to the applicant from a branch cancels the other branch; 重新提交 restarts the whole block", async () => {
    const def = await definition(parallelDepartmentsBpmn());
    const steps = run(def, [
      { type: "APPROVE", nodeId: "deptB", by: "b" },
      { type: "RETURN", nodeId: "deptA", by: "a", comment: "补材料", to: "applicant" },
      { type: "RESUBMIT", by: "w", data: { note: "补好了" } },
    ]);
    expect(steps[2].status).toBe("returned");
    expect(steps[2].openTasks).toEqual([]);
    expect(open(steps[3])).toEqual(["deptA:a", "deptB:b"]);
  });

  it("退回 only within the same branch or to before the fork", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/>${approval("unit", "基层", "u", 'mode="any" actions="approve,reject,return"')}<bpmn:parallelGateway id="fork"/>` +
        approval("a1", "A1", "a", 'mode="any" actions="approve,reject,return"') +
        approval("a2", "A2", "a", 'mode="any" actions="approve,reject,return"') +
        approval("b1", "B1", "b", 'mode="any" actions="approve,reject,return"') +
        `<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>` +
        chain("s", "unit", "fork", "a1", "a2", "join", "e") +
        chain("fork", "b1", "join"),
    );
    const def = await definition(xml);
    const [, atFork, a1done] = run(def, [
      { type: "APPROVE", nodeId: "unit", by: "u" },
      { type: "APPROVE", nodeId: "a1", by: "a" },
    ]);
    expect(open(atFork)).toEqual(["a1:a", "b1:b"]);
    // Within the branch: only that branch moves back.
    const back = applyEvent(def, a1done.snapshot, { type: "RETURN", nodeId: "a2", by: "a", comment: "重审", to: "a1" }, env);
    expect(open(back)).toEqual(["a1:a", "b1:b"]);
    // Before the fork: the whole block is left.
    const before = applyEvent(def, a1done.snapshot, { type: "RETURN", nodeId: "b1", by: "b", comment: "重审", to: "unit" }, env);
    expect(open(before)).toEqual(["unit:u"]);
    // Into another branch: refused with its own reason.
    expect(refusalOf(() => applyEvent(def, a1done.snapshot, { type: "RETURN", nodeId: "b1", by: "b", comment: "x", to: "a1" }, env))).toBe("returnTarget");
  });

  it("nested blocks and an empty branch join correctly", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="f1"/><bpmn:parallelGateway id="f2"/>` +
        approval("x", "X", "x") +
        approval("y", "Y", "y") +
        approval("z", "Z", "z") +
        `<bpmn:parallelGateway id="j2"/><bpmn:parallelGateway id="j1"/><bpmn:endEvent id="e"/>` +
        chain("s", "f1", "f2", "x", "j2", "j1", "e") +
        chain("f2", "y", "j2") +
        chain("f1", "z", "j1") +
        flows(["empty", "f1", "j1"]),
    );
    const def = await definition(xml);
    const steps = run(def, [
      { type: "APPROVE", nodeId: "z", by: "z" },
      { type: "APPROVE", nodeId: "x", by: "x" },
      { type: "APPROVE", nodeId: "y", by: "y" },
    ]);
    expect(open(steps[0])).toEqual(["x:x", "y:y", "z:z"]);
    expect(open(steps[2])).toEqual(["y:y"]);
    expect(steps[3].status).toBe("approved");
  });

  it("a terminate end inside a branch ends the case at once", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>` +
        approval("a", "A", "a") +
        approval("b", "B", "b") +
        `<bpmn:exclusiveGateway id="g" default="keep"/><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>` +
        chain("s", "fork", "a", "g") +
        flows(["keep", "g", "join"], ["halt", "g", "stop", 'note = "停"']) +
        chain("fork", "b", "join", "e"),
    );
    const def = await definition(xml);
    const [, stopped] = run(def, [{ type: "APPROVE", nodeId: "a", by: "a" }], { note: "停" });
    expect(stopped.status).toBe("approved");
    expect(stopped.openTasks).toEqual([]);
    expect(stopped.snapshot).toMatchObject({ value: "stop" });
  });

  it("a node id with a dot still works as a state", async () => {
    const def = await definition(bpmnDoc(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="f.1"/>${approval("t.a", "A", "a")}${approval("t.b", "B", "b")}<bpmn:parallelGateway id="j.1"/><bpmn:endEvent id="e.1"/>${chain("s", "f.1", "t.a", "j.1", "e.1")}${chain("f.1", "t.b", "j.1")}`));
    const steps = run(def, [
      { type: "APPROVE", nodeId: "t.a", by: "a" },
      { type: "APPROVE", nodeId: "t.b", by: "b" },
    ]);
    expect(open(steps[0])).toEqual(["t.a:a", "t.b:b"]);
    expect(steps[2].status).toBe("approved");
  });

  it("WITHDRAW before anyone acted leaves every branch", async () => {
    const def = await definition(parallelDepartmentsBpmn());
    const [, withdrawn] = run(def, [{ type: "WITHDRAW", by: "w" }]);
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.openTasks).toEqual([]);
  });
});
