import { describe, expect, it } from "vitest";
import { compileBpmn } from "./compile";
import { approval, bpmnDoc, chain, flows, parallelDepartmentsBpmn } from "../tests/support/bpmnText";

async function codes(xml: string): Promise<string[]> {
  const r = await compileBpmn(xml);
  return r.ok ? [] : r.problems.map((p) => `${p.code}@${p.elementId}`);
}

async function accepted(xml: string) {
  const r = await compileBpmn(xml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 1));
  return r.definition;
}

describe("compiler: parallel blocks", () => {
  it("accepts a block-structured fork/join", async () => {
    const def = await accepted(parallelDepartmentsBpmn());
    expect(def.nodes.fork.kind).toBe("parallelGateway");
  });

  it("refuses a fork whose branches never meet", async () => {
    const xml = bpmnDoc(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>${chain("s", "fork", "a", "e1")}${chain("fork", "b", "e2")}`);
    expect(await codes(xml)).toEqual(expect.arrayContaining(["parallel.endInBranch@e1", "parallel.unstructured@fork"]));
  });

  it("refuses branches that meet at different joins", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>${approval("a", "A", "a")}${approval("b", "B", "b")}${approval("c", "C", "c")}<bpmn:parallelGateway id="j1"/><bpmn:parallelGateway id="j2"/><bpmn:endEvent id="e"/>` +
        flows(["f1", "s", "fork"], ["f2", "fork", "a"], ["f3", "fork", "b"], ["f4", "fork", "c"], ["f5", "a", "j1"], ["f6", "b", "j1"], ["f7", "j1", "j2"], ["f8", "c", "j2"], ["f9", "j2", "e"]),
    );
    expect(await codes(xml)).toContain("parallel.unstructured@fork");
  });

  it("refuses a flow that jumps out of a branch", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:exclusiveGateway id="g" default="stay"/><bpmn:parallelGateway id="join"/>${approval("after", "After", "d")}<bpmn:endEvent id="e"/>` +
        chain("s", "fork", "a", "g") +
        flows(["stay", "g", "join"], ["jump", "g", "after", "x > 1"]) +
        chain("fork", "b", "join", "after", "e"),
    );
    const found = await codes(xml);
    expect(found.some((c) => c.startsWith("parallel.crossing@"))).toBe(true);
  });

  it("refuses a loop from a branch back to before the fork", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/>${approval("first", "First", "u")}<bpmn:parallelGateway id="fork"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:exclusiveGateway id="g" default="stay"/><bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>` +
        chain("s", "first", "fork", "a", "g") +
        flows(["stay", "g", "join"], ["back", "g", "first", "x > 1"]) +
        chain("fork", "b", "join", "e"),
    );
    expect((await codes(xml)).some((c) => c.startsWith("parallel.crossing@"))).toBe(true);
  });

  it("refuses a join without a fork, and a gateway that joins and forks at once", async () => {
    const noFork = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="d1"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>` +
        flows(["f0", "s", "g"], ["d1", "g", "a"], ["d2", "g", "b", "x > 1"], ["f3", "a", "join"], ["f4", "b", "join"], ["f5", "join", "e"]),
    );
    expect(await codes(noFork)).toContain("parallel.joinWithoutFork@join");
    const mixed = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:parallelGateway id="mid"/>${approval("c", "C", "c")}${approval("dd", "D", "d")}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>` +
        chain("s", "fork", "a", "mid", "c", "join", "e") +
        chain("fork", "b", "mid", "dd", "join"),
    );
    expect(await codes(mixed)).toContain("parallel.mixed@mid");
  });

  it("refuses conditions on parallel branches", async () => {
    const xml = parallelDepartmentsBpmn().replace('<bpmn:sequenceFlow id="f_fork_deptB" sourceRef="fork" targetRef="deptB"/>', '<bpmn:sequenceFlow id="f_fork_deptB" sourceRef="fork" targetRef="deptB"><bpmn:conditionExpression>x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>');
    expect(await codes(xml)).toContain("gateway.parallelCondition@fork");
  });

  it("problems carry the BPMN element type and both languages", async () => {
    const xml = bpmnDoc(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork" name="并行"/>${approval("a", "A", "a")}${approval("b", "B", "b")}<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>${chain("s", "fork", "a", "e1")}${chain("fork", "b", "e2")}`);
    const r = await compileBpmn(xml);
    expect(r.ok).toBe(false);
    const p = !r.ok && r.problems.find((x) => x.code === "parallel.unstructured");
    expect(p).toMatchObject({ elementId: "fork", elementType: "bpmn:ParallelGateway", name: "并行" });
    expect(p && p.message.zh && p.message.en && p.hint.zh && p.hint.en).toBeTruthy();
  });
});
