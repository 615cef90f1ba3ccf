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

describe("exclusive gateways", () => {
  it("a merge gateway without a default passes straight through (a case used to stop there for good)", async () => {
    const xml = bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="split" default="skip"/>${approval("check", "审核", "c")}<bpmn:exclusiveGateway id="merge"/>${approval("after", "复核", "d")}<bpmn:endEvent id="e"/>` +
        chain("s", "split") +
        flows(["ask", "split", "check", "big = true"], ["skip", "split", "merge"]) +
        chain("check", "merge", "after", "e"),
    );
    const def = await definition(xml);
    expect(open(run(def, [])[0])).toEqual(["after:d"]);
    const [asked, checked] = run(def, [{ type: "APPROVE", nodeId: "check", by: "c" }], { big: true });
    expect(open(asked)).toEqual(["check:c"]);
    expect(open(checked)).toEqual(["after:d"]);
  });
});

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

const timerDef = (body: string, attrs = "") => `<bpmn:timerEventDefinition ${attrs}>${body}</bpmn:timerEventDefinition>`;
const jobsOf = (s: Step) => s.effects.filter((e) => e.type === "scheduleJob").map((e) => (e.type === "scheduleJob" ? `${e.key}@${e.runAt}` : ""));

describe("embedded sub-process (compound state)", () => {
  const sub = (inner: string, after = "") =>
    bpmnDoc(
      `<bpmn:startEvent id="s"/><bpmn:subProcess id="sub" name="部门内审"><bpmn:startEvent id="s2"/>${inner}</bpmn:subProcess>${approval("last", "终审", "z", 'mode="any" actions="approve,reject,return"')}<bpmn:endEvent id="e"/>` + chain("s", "sub", "last", "e") + after,
    );

  it("runs its own start to its end, then continues after the sub-process", async () => {
    const def = await definition(sub(`${approval("inner", "内审", "x", 'mode="any" actions="approve,reject,return"')}<bpmn:endEvent id="e2"/>${chain("s2", "inner", "e2")}`));
    const steps = run(def, [
      { type: "APPROVE", nodeId: "inner", by: "x" },
      { type: "APPROVE", nodeId: "last", by: "z" },
    ]);
    expect(steps[0].snapshot).toMatchObject({ value: { sub: "inner" } });
    expect(open(steps[0])).toEqual(["inner:x"]);
    expect(open(steps[1])).toEqual(["last:z"]);
    expect(steps[2].status).toBe("approved");
  });

  it("a terminate end inside ends the whole case", async () => {
    const def = await definition(
      sub(`${approval("inner", "内审", "x")}<bpmn:exclusiveGateway id="g" default="on"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>${chain("s2", "inner", "g")}${flows(["on", "g", "e2"], ["off", "g", "kill", 'note = "终止"'])}`),
    );
    const [, killed] = run(def, [{ type: "APPROVE", nodeId: "inner", by: "x" }], { note: "终止" });
    expect(killed.status).toBe("approved");
    expect(killed.snapshot).toMatchObject({ value: "kill" });
    expect(killed.effects).toContainEqual({ type: "cancelJobs", keyPrefix: "" });
  });

  it("a later node may 退回 into the sub-process; 退回 to the applicant resumes inside it", async () => {
    const def = await definition(sub(`${approval("inner", "内审", "x", 'mode="any" actions="approve,reject,return"')}<bpmn:endEvent id="e2"/>${chain("s2", "inner", "e2")}`));
    const [, atLast] = run(def, [{ type: "APPROVE", nodeId: "inner", by: "x" }]);
    const back = applyEvent(def, atLast.snapshot, { type: "RETURN", nodeId: "last", by: "z", comment: "重审", to: "inner" }, env);
    expect(open(back)).toEqual(["inner:x"]);
    const returned = applyEvent(def, back.snapshot, { type: "RETURN", nodeId: "inner", by: "x", comment: "补材料", to: "applicant" }, env);
    const resumed = applyEvent(def, returned.snapshot, { type: "RESUBMIT", by: "w", data: {} }, env);
    expect(resumed.snapshot).toMatchObject({ value: { sub: "inner" } });
  });

  it("an interrupting timer on the sub-process leaves it when it fires", async () => {
    const def = await definition(
      sub(
        `${approval("inner", "内审", "x")}<bpmn:endEvent id="e2"/>${chain("s2", "inner", "e2")}`,
        `<bpmn:boundaryEvent id="late" attachedToRef="sub">${timerDef("<bpmn:timeDuration>P2D</bpmn:timeDuration>")}</bpmn:boundaryEvent>${flows(["fl", "late", "last"])}`,
      ),
    );
    const [start] = run(def, []);
    expect(jobsOf(start)).toEqual(["timer:late:1@2026-03-04T01:00:00Z"]);
    const fired = applyEvent(def, start.snapshot, { type: "TIMER_FIRED", timerId: "timer:late:1" }, env);
    expect(open(fired)).toEqual(["last:z"]);
    expect(fired.effects).toContainEqual({ type: "cancelJobs", keyPrefix: "timer:late:" });
    expect(fired.effects).toContainEqual({ type: "cancelJobs", keyPrefix: "sla:inner:" });
  });
});

describe("timers: intermediate catch and boundary events (durable jobs, never XState delays)", () => {
  it("an intermediate timer waits for its job: ISO duration in Beijing time", async () => {
    const def = await definition(bpmnDoc(`<bpmn:startEvent id="s"/>${approval("a", "A", "a")}<bpmn:intermediateCatchEvent id="wait" name="冷静期">${timerDef("<bpmn:timeDuration>PT2H</bpmn:timeDuration>")}</bpmn:intermediateCatchEvent>${approval("b", "B", "b")}<bpmn:endEvent id="e"/>${chain("s", "a", "wait", "b", "e")}`));
    const [, waiting] = run(def, [{ type: "APPROVE", nodeId: "a", by: "a" }]);
    expect(waiting.openTasks).toEqual([]);
    expect(waiting.status).toBe("running");
    expect(jobsOf(waiting)).toEqual(["timer:wait:1@2026-03-02T03:00:00Z"]);
    expect(refusalOf(() => applyEvent(def, waiting.snapshot, { type: "TIMER_FIRED", timerId: "timer:wait:0" }, env))).toBe("notAllowedNow");
    const after = applyEvent(def, waiting.snapshot, { type: "TIMER_FIRED", timerId: "timer:wait:1" }, env);
    expect(open(after)).toEqual(["b:b"]);
    // Fired once: the same job delivered again is refused (the worker marks it obsolete).
    expect(refusalOf(() => applyEvent(def, after.snapshot, { type: "TIMER_FIRED", timerId: "timer:wait:1" }, env))).toBe("notAllowedNow");
  });

  it("working days through the niangjia extension skip the weekend", async () => {
    const def = await definition(bpmnDoc(`<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait">${timerDef("", 'niangjia:workingDays="3"')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${chain("s", "wait", "e")}`));
    const friday = { ...env, now: "2026-03-06T01:00:00.000Z" };
    const started = startCase(def, { data: {}, applicantId: "w" }, friday);
    expect(jobsOf(started)).toEqual(["timer:wait:1@2026-03-11T01:00:00.000Z"]);
  });

  it("an interrupting boundary timer on an approval step takes the timeout path", async () => {
    const def = await definition(
      bpmnDoc(
        `<bpmn:startEvent id="s"/>${approval("a", "A", "a")}<bpmn:boundaryEvent id="late" name="2 小时" attachedToRef="a">${timerDef("<bpmn:timeDuration>PT2H</bpmn:timeDuration>")}</bpmn:boundaryEvent>${approval("boss", "上级督办", "boss")}<bpmn:endEvent id="e"/>` +
          chain("s", "a", "e") +
          chain("late", "boss", "e"),
      ),
    );
    const [start] = run(def, []);
    expect(jobsOf(start)).toEqual(["timer:late:1@2026-03-02T03:00:00Z"]);
    const fired = applyEvent(def, start.snapshot, { type: "TIMER_FIRED", timerId: "timer:late:1" }, env);
    expect(open(fired)).toEqual(["boss:boss"]);
    expect(fired.variables).toMatchObject({ a_timedOut: true });
    // Decided in time: the boundary timer is cancelled on exit.
    const decided = applyEvent(def, start.snapshot, { type: "APPROVE", nodeId: "a", by: "a" }, env);
    expect(decided.effects).toContainEqual({ type: "cancelJobs", keyPrefix: "" });
    expect(refusalOf(() => applyEvent(def, decided.snapshot, { type: "TIMER_FIRED", timerId: "timer:late:1" }, env))).toBe("notAllowedNow");
  });

  it("a non-interrupting cycle reminds the approvers without leaving the task, as often as it says", async () => {
    const def = await definition(
      bpmnDoc(
        `<bpmn:startEvent id="s"/>${approval("a", "A", "a")}<bpmn:boundaryEvent id="nag" cancelActivity="false" attachedToRef="a">${timerDef("<bpmn:timeCycle>R2/PT1H</bpmn:timeCycle>")}</bpmn:boundaryEvent><bpmn:endEvent id="nagged"/><bpmn:endEvent id="e"/>` +
          chain("s", "a", "e") +
          chain("nag", "nagged"),
      ),
    );
    const [start] = run(def, []);
    expect(jobsOf(start)).toEqual(["timer:nag:1@2026-03-02T02:00:00Z"]);
    const first = applyEvent(def, start.snapshot, { type: "TIMER_FIRED", timerId: "timer:nag:1" }, env);
    expect(open(first)).toEqual(["a:a"]);
    expect(first.effects).toContainEqual({ type: "notify", userIds: ["a"], templateKey: "task.reminder", params: { nodeId: "a" } });
    expect(jobsOf(first)).toEqual(["timer:nag:1.1@2026-03-02T02:00:00Z"]);
    const second = applyEvent(def, first.snapshot, { type: "TIMER_FIRED", timerId: "timer:nag:1.1" }, env);
    expect(jobsOf(second)).toEqual([]);
    expect(open(second)).toEqual(["a:a"]);
  });

  it("a non-interrupting boundary may start a service task on a side path; the task stays open", async () => {
    const def = await definition(
      bpmnDoc(
        `<bpmn:startEvent id="s"/>${approval("a", "A", "a")}<bpmn:boundaryEvent id="nag" cancelActivity="false" attachedToRef="a">${timerDef("<bpmn:timeDuration>P1D</bpmn:timeDuration>")}</bpmn:boundaryEvent><bpmn:serviceTask id="sms" niangjia:handler="core.sms"/><bpmn:endEvent id="sent"/><bpmn:endEvent id="e"/>` +
          chain("s", "a", "e") +
          chain("nag", "sms", "sent"),
      ),
    );
    const [start] = run(def, []);
    const fired = applyEvent(def, start.snapshot, { type: "TIMER_FIRED", timerId: "timer:nag:1" }, env);
    expect(fired.effects).toContainEqual(expect.objectContaining({ type: "scheduleJob", key: "svc:sms:s1", kind: "service", handler: "core.sms" }));
    expect(open(fired)).toEqual(["a:a"]);
    const done = applyEvent(def, fired.snapshot, { type: "SERVICE_DONE", nodeId: "sms", result: { smsSent: true } }, env);
    expect(open(done)).toEqual(["a:a"]);
    expect(done.variables).toMatchObject({ smsSent: true });
  });
});

describe("error boundary on a service task", () => {
  const xml = bpmnDoc(
    `<bpmn:startEvent id="s"/><bpmn:serviceTask id="lookup" name="查询会员" niangjia:handler="core.lookup"/>` +
      `<bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="errNotFound"/></bpmn:boundaryEvent>` +
      `<bpmn:boundaryEvent id="anyError" attachedToRef="lookup"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>` +
      `${approval("manual", "人工核对", "m")}${approval("it", "技术处理", "t")}<bpmn:endEvent id="e"/>` +
      chain("s", "lookup", "e") +
      chain("notFound", "manual", "e") +
      chain("anyError", "it", "e"),
  ).replace("</bpmn:definitions>", '<bpmn:error id="errNotFound" errorCode="NOT_FOUND"/></bpmn:definitions>');

  it("tells the job worker which errors are caught", async () => {
    const def = await definition(xml);
    const [start] = run(def, []);
    expect(start.effects).toContainEqual(expect.objectContaining({ type: "scheduleJob", key: "svc:lookup:1", payload: { nodeId: "lookup", errorBoundaries: { codes: ["NOT_FOUND"], catchAll: true } } }));
  });

  it("routes a failure with a matching code to its boundary, any other to the catch-all", async () => {
    const def = await definition(xml);
    const [start] = run(def, []);
    const coded = applyEvent(def, start.snapshot, { type: "SERVICE_FAILED", nodeId: "lookup", error: "无此会员", code: "NOT_FOUND" }, env);
    expect(open(coded)).toEqual(["manual:m"]);
    expect(coded.variables).toMatchObject({ lookup_error: { code: "NOT_FOUND", message: "无此会员" } });
    const other = applyEvent(def, start.snapshot, { type: "SERVICE_FAILED", nodeId: "lookup", error: "超时" }, env);
    expect(open(other)).toEqual(["it:t"]);
  });

  it("without a boundary the case fails as before", async () => {
    const def = await definition(bpmnDoc(`<bpmn:startEvent id="s"/><bpmn:serviceTask id="lookup" niangjia:handler="core.lookup"/><bpmn:endEvent id="e"/>${chain("s", "lookup", "e")}`));
    const [start] = run(def, []);
    expect(applyEvent(def, start.snapshot, { type: "SERVICE_FAILED", nodeId: "lookup", error: "x" }, env).status).toBe("failed");
  });
});

describe("multi-instance approval (会签 / 依次 with a completion condition)", () => {
  const mi = (loop: string, attrs = "") => bpmnDoc(`<bpmn:startEvent id="s"/>${approval("vote", "投票", "a,b,c", attrs, loop)}<bpmn:endEvent id="e"/>${chain("s", "vote", "e")}`);
  const cond = (sequential: boolean, c: string) => `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:completionCondition>${c}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`;

  it("a FEEL condition that counts votes passes the node when it holds (a rejection does not end it)", async () => {
    const def = await definition(mi(cond(false, "nrOfApprovals &gt;= 2")));
    expect(def.nodes.vote).toMatchObject({ approval: { mode: "all", completionCondition: "nrOfApprovals >= 2" } });
    const steps = run(def, [
      { type: "APPROVE", nodeId: "vote", by: "a" },
      { type: "REJECT", nodeId: "vote", by: "b", comment: "反对" },
      { type: "APPROVE", nodeId: "vote", by: "c" },
    ]);
    expect(open(steps[2])).toEqual(["vote:c"]);
    expect(steps[3].status).toBe("approved");
  });

  it("the vote-counting condition fails the node once everyone voted without it holding", async () => {
    const def = await definition(mi(cond(false, "nrOfApprovals &gt;= 3")));
    const steps = run(def, [
      { type: "APPROVE", nodeId: "vote", by: "a" },
      { type: "REJECT", nodeId: "vote", by: "b", comment: "反对" },
    ]);
    expect(steps[2].status).toBe("rejected");
  });

  it("sequential multi-instance asks one after another", async () => {
    const def = await definition(mi('<bpmn:multiInstanceLoopCharacteristics isSequential="true"/>'));
    const steps = run(def, [
      { type: "APPROVE", nodeId: "vote", by: "a" },
      { type: "APPROVE", nodeId: "vote", by: "b" },
      { type: "APPROVE", nodeId: "vote", by: "c" },
    ]);
    expect(steps.map(open)).toEqual([["vote:a"], ["vote:b"], ["vote:c"], []]);
    expect(steps[3].status).toBe("approved");
  });
});
