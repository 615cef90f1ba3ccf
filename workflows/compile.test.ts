import { describe, expect, it } from "vitest";
import { compileBpmn } from "./compile";
import { approval, bpmnDoc, chain, flows, parallelDepartmentsBpmn } from "../tests/support/bpmnText";
import { singleApprovalBpmn } from "../tests/support/flowPrograms";

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

const timer = (body: string, attrs = "") => `<bpmn:timerEventDefinition ${attrs}>${body}</bpmn:timerEventDefinition>`;
const single = (middle: string, tail = "") => bpmnDoc(`<bpmn:startEvent id="s"/>${middle}<bpmn:endEvent id="e"/>${tail}`);

describe("compiler: sub-processes", () => {
  it("accepts an embedded sub-process and marks its nodes' parent", async () => {
    const def = await accepted(single(`<bpmn:subProcess id="sub"><bpmn:startEvent id="s2"/>${approval("inner", "内审", "x")}<bpmn:endEvent id="e2"/>${chain("s2", "inner", "e2")}</bpmn:subProcess>`, chain("s", "sub", "e")));
    expect(def.nodes.sub.kind).toBe("subProcess");
    expect(def.nodes.inner.parent).toBe("sub");
  });

  it("refuses an event sub-process, a sub-process without start, and a flow across its boundary", async () => {
    expect(await codes(single(`<bpmn:subProcess id="sub" triggeredByEvent="true"><bpmn:startEvent id="s2"/><bpmn:endEvent id="e2"/>${chain("s2", "e2")}</bpmn:subProcess>`, chain("s", "e")))).toContain("subProcess.event@sub");
    expect(await codes(single(`<bpmn:subProcess id="sub">${approval("inner", "内审", "x")}<bpmn:endEvent id="e2"/>${chain("inner", "e2")}</bpmn:subProcess>`, chain("s", "sub", "e")))).toContain("subProcess.start@sub");
    const crossing = single(`<bpmn:subProcess id="sub"><bpmn:startEvent id="s2"/>${approval("inner", "内审", "x")}<bpmn:endEvent id="e2"/>${chain("s2", "inner", "e2")}</bpmn:subProcess>`, chain("s", "sub", "e")).replace("</bpmn:process>", '<bpmn:sequenceFlow id="out" sourceRef="inner" targetRef="e"/></bpmn:process>');
    expect(await codes(crossing)).toContain("flow.crossesSubProcess@out");
  });
});

describe("compiler: timers", () => {
  it("accepts an intermediate timer with an ISO duration, working days or a date", async () => {
    for (const t of [timer("<bpmn:timeDuration>P3D</bpmn:timeDuration>"), timer("", 'niangjia:workingDays="2"'), timer("<bpmn:timeDate>2026-10-01T09:00:00+08:00</bpmn:timeDate>")]) {
      const def = await accepted(single(`<bpmn:intermediateCatchEvent id="wait">${t}</bpmn:intermediateCatchEvent>`, chain("s", "wait", "e")));
      expect(def.nodes.wait.kind).toBe("timer");
    }
  });

  it("accepts interrupting and non-interrupting boundary timers on an approval step", async () => {
    const def = await accepted(
      single(
        `${approval("a", "A", "a")}<bpmn:boundaryEvent id="late" attachedToRef="a">${timer("<bpmn:timeDuration>PT2H</bpmn:timeDuration>")}</bpmn:boundaryEvent><bpmn:boundaryEvent id="nag" cancelActivity="false" attachedToRef="a">${timer("<bpmn:timeCycle>R3/P1D</bpmn:timeCycle>")}</bpmn:boundaryEvent><bpmn:endEvent id="nagged"/>`,
        chain("s", "a", "e") + chain("late", "e") + chain("nag", "nagged"),
      ),
    );
    expect(def.nodes.late).toMatchObject({ kind: "boundary", interrupting: true, trigger: { kind: "timer", timer: { kind: "duration", iso: "PT2H" } } });
    expect(def.nodes.nag).toMatchObject({ interrupting: false, trigger: { timer: { kind: "cycle", repeat: 3, iso: "P1D" } } });
  });

  it.each([
    ["a message intermediate event", single(`<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>`, chain("s", "x", "e")), "event.unsupported@x"],
    ["a timer without time", single(`<bpmn:intermediateCatchEvent id="x">${timer("")}</bpmn:intermediateCatchEvent>`, chain("s", "x", "e")), "timer.missing@x"],
    ["an unreadable duration", single(`<bpmn:intermediateCatchEvent id="x">${timer("<bpmn:timeDuration>3 days</bpmn:timeDuration>")}</bpmn:intermediateCatchEvent>`, chain("s", "x", "e")), "timer.duration@x"],
    ["a cycle on an intermediate timer", single(`<bpmn:intermediateCatchEvent id="x">${timer("<bpmn:timeCycle>R3/P1D</bpmn:timeCycle>")}</bpmn:intermediateCatchEvent>`, chain("s", "x", "e")), "timer.cycle@x"],
    ["zero working days", single(`<bpmn:intermediateCatchEvent id="x">${timer("", 'niangjia:workingDays="0"')}</bpmn:intermediateCatchEvent>`, chain("s", "x", "e")), "timer.workingDays@x"],
    ["a message boundary", single(`${approval("a", "A", "a")}<bpmn:boundaryEvent id="b" attachedToRef="a"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>`, chain("s", "a", "e") + chain("b", "e")), "boundary.unsupported@b"],
    ["a timer boundary on a service task", single(`<bpmn:serviceTask id="svc" niangjia:handler="h"/><bpmn:boundaryEvent id="b" attachedToRef="svc">${timer("<bpmn:timeDuration>PT1H</bpmn:timeDuration>")}</bpmn:boundaryEvent>`, chain("s", "svc", "e") + chain("b", "e")), "boundary.host@b"],
    ["an error boundary on an approval step", single(`${approval("a", "A", "a")}<bpmn:boundaryEvent id="b" attachedToRef="a"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`, chain("s", "a", "e") + chain("b", "e")), "boundary.host@b"],
    ["a non-interrupting side path into an approval step", single(`${approval("a", "A", "a")}${approval("x", "X", "x")}<bpmn:boundaryEvent id="b" cancelActivity="false" attachedToRef="a">${timer("<bpmn:timeDuration>PT1H</bpmn:timeDuration>")}</bpmn:boundaryEvent>`, chain("s", "a", "e") + chain("b", "x", "e")), "boundary.sidePath@b"],
  ])("refuses %s", async (_name, xml, code) => {
    expect(await codes(xml)).toContain(code);
  });
});

describe("compiler: error boundaries and multi-instance", () => {
  it("reads the error code a boundary catches", async () => {
    const def = await accepted(
      single(`<bpmn:serviceTask id="svc" niangjia:handler="h"/><bpmn:boundaryEvent id="b" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>`, chain("s", "svc", "e") + chain("b", "e")).replace("</bpmn:definitions>", '<bpmn:error id="err" errorCode="NOT_FOUND"/></bpmn:definitions>'),
    );
    expect(def.nodes.b).toMatchObject({ trigger: { kind: "error", errorCode: "NOT_FOUND" }, interrupting: true });
  });

  const mi = (loop: string, attrs = 'actions="approve,reject"') => single(approval("v", "投票", "a,b,c", attrs, loop), chain("s", "v", "e"));
  const cond = (seq: boolean, c: string) => `<bpmn:multiInstanceLoopCharacteristics isSequential="${seq}"><bpmn:completionCondition>${c}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`;

  it.each([
    ["parallel → 会签", '<bpmn:multiInstanceLoopCharacteristics/>', { mode: "all" }],
    ["sequential → 依次", '<bpmn:multiInstanceLoopCharacteristics isSequential="true"/>', { mode: "sequential" }],
    ["one completed → 或签", cond(false, "nrOfCompletedInstances &gt;= 1"), { mode: "any" }],
    ["all completed → 会签", cond(false, "${nrOfCompletedInstances == nrOfInstances}"), { mode: "all" }],
    ["approval share → 票签", cond(false, "nrOfApprovals / nrOfInstances &gt;= 0.6"), { mode: "ratio", ratio: 0.6 }],
    ["anything else stays FEEL", cond(true, "nrOfApprovals &gt;= 2 or nrOfRejections = 0"), { mode: "sequential", completionCondition: "nrOfApprovals >= 2 or nrOfRejections = 0" }],
  ])("maps %s", async (_name, loop, expected) => {
    const def = await accepted(mi(loop));
    expect(def.nodes.v).toMatchObject({ approval: expected });
  });

  it("keeps niangjia:approval mode when multi-instance agrees, refuses a conflict", async () => {
    expect((await accepted(mi("<bpmn:multiInstanceLoopCharacteristics/>", 'mode="all"'))).nodes.v).toMatchObject({ approval: { mode: "all" } });
    expect(await codes(mi("<bpmn:multiInstanceLoopCharacteristics/>", 'mode="any"'))).toContain("approval.modeConflict@v");
    expect(await codes(mi(cond(false, "nrOfApprovals / nrOfInstances &gt;= 0.6"), 'mode="ratio" ratio="0.5"'))).toContain("approval.modeConflict@v");
  });

  it.each([
    ["a standard loop", single(approval("v", "V", "a", 'mode="any"', "<bpmn:standardLoopCharacteristics/>"), chain("s", "v", "e")), "loop.unsupported@v"],
    ["multi-instance on a service task", single('<bpmn:serviceTask id="svc" niangjia:handler="h"><bpmn:multiInstanceLoopCharacteristics/></bpmn:serviceTask>', chain("s", "svc", "e")), "multiInstance.unsupported@svc"],
    ["a completion condition in another language", single(approval("v", "V", "a", 'mode="any"', cond(false, "${done}")).replace('mode="any"', ""), chain("s", "v", "e")), "multiInstance.condition@v"],
  ])("refuses %s", async (_name, xml, code) => {
    expect(await codes(xml)).toContain(code);
  });
});

describe("compiler: the MIWG invoice model C.1.1", () => {
  it("compiles and runs once its steps have approvers, its task a handler, its conditions FEEL and its gateways a default", async () => {
    const { readFileSync } = await import("node:fs");
    const { applyEvent, startCase } = await import("./engine");
    let xml = readFileSync("workflows/__fixtures__/bpmn-miwg/C.1.1.bpmn", "utf8");
    xml = xml
      .replace(/<definitions\b/, '<definitions xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0"')
      .replace(/(<userTask\b[^>]*>\s*<extensionElements>)/g, '$1<niangjia:approval mode="any"><niangjia:assignee kind="users" userIds="clerk"/></niangjia:approval>')
      .replace(/<serviceTask\b/g, '<serviceTask niangjia:handler="core.archive"')
      .replace(/(<exclusiveGateway id="invoice_approved")/, '$1 default="invoiceNotApproved"')
      .replace(/(<exclusiveGateway id="reviewSuccessful_gw")/, '$1 default="reviewNotSuccessful"')
      .replace(/bpmn:getDataObject\('(\w+)'\)/g, "$1")
      .replace(/'(\w+)'/g, '"$1"');
    const def = await accepted(xml);
    const env = { now: "2026-03-02T01:00:00.000Z", directory: { applicantId: "w", chain: [], programAdmins: [] } };
    let step = startCase(def, { data: { approved: true }, applicantId: "w" }, env);
    for (const nodeId of ["assignApprover", "approveInvoice", "prepareBankTransfer"]) {
      expect(step.openTasks.map((t) => t.nodeId)).toEqual([nodeId]);
      step = applyEvent(def, step.snapshot, { type: "APPROVE", nodeId, by: "clerk" }, env);
    }
    step = applyEvent(def, step.snapshot, { type: "SERVICE_DONE", nodeId: "archiveInvoice", result: {} }, env);
    expect(step.status).toBe("approved");
  });
});

describe("role pool assignee", () => {
  const pool = (attrs: string) => `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:userTask id="t" name="池"><bpmn:extensionElements><niangjia:approval mode="any"><niangjia:assignee kind="rolePool" role="approver" ${attrs}/></niangjia:approval></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process></bpmn:definitions>`;

  it("keeps the pool's org level the modeler writes, and refuses an unknown one", async () => {
    const r = await compileBpmn(pool('level="street"'));
    expect(r.ok && r.definition.nodes.t.kind === "userTask" && r.definition.nodes.t.approval.assignee).toEqual({ kind: "rolePool", role: "approver", orgLevel: "street" });
    const bad = await compileBpmn(pool('level="galaxy"'));
    expect(bad.ok).toBe(false);
  });
});

describe("comments required on decisions", () => {
  const withComments = (value: string) => singleApprovalBpmn(`mode="single" commentRequiredOn="${value}"`, '<niangjia:assignee kind="orgLevel" level="grassroots"/>');

  it("reads which decisions need a written opinion, 同意 included, in a fixed order", async () => {
    const r = await compileBpmn(withComments("return,approve"));
    expect(r.ok && r.definition.nodes.review.kind === "userTask" && r.definition.nodes.review.approval.commentRequiredOn).toEqual(["approve", "return"]);
    const none = await compileBpmn(withComments(""));
    expect(none.ok && none.definition.nodes.review.kind === "userTask" && none.definition.nodes.review.approval.commentRequiredOn).toEqual([]);
  });

  it("refuses an action it does not know instead of dropping it", async () => {
    const r = await compileBpmn(withComments("approve,transfer"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.code, p.elementId, p.message.zh])).toEqual([["approval.commentRequiredOn", "review", '必填意见的操作 "transfer" 无法识别']]);
  });
});
