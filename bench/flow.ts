/**
 * Flow benchmarks (prints figures; not a test): compile time of a 100-node diagram (a chain
 * of gateways, and one of parallel blocks), pure engine transitions per second, and persisted transitions per second through the runtime
 * (one transaction each: snapshot, tasks, jobs, audit) on PGlite or DATABASE_URL.
 *   npx tsx bench/flow.ts
 */
import { performance } from "node:perf_hooks";
import { compileBpmn } from "../workflows/compile";
import { applyEvent, startCase } from "../workflows/engine";
import type { EngineEnv, FlowDefinition } from "../workflows/types";
import { createTestDb } from "../db/testing";
import { seedDemoOrgs } from "../db/demoOrgs";
import { users } from "../db/schema";
import { eq } from "drizzle-orm";
import { installProgramTemplate } from "../workflows/services/installProgram";
import { loadSessionUser } from "../workflows/services/identity";
import { decideTask, listMyTasks, submitApplication } from "../workflows/services/cases";

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0"';

/** start → (task → gateway)×k → end: a chain where every gateway has a FEEL branch and a default. */
function chainBpmn(tasks: number): string {
  const el: string[] = ['<bpmn:startEvent id="s"/>', '<bpmn:endEvent id="e"/>', '<bpmn:endEvent id="reject_end"/>'];
  const flows: string[] = [];
  let prev = "s";
  for (let i = 0; i < tasks; i++) {
    el.push(`<bpmn:userTask id="t${i}" name="审批${i}"><bpmn:extensionElements><niangjia:approval mode="any"><niangjia:assignee kind="users" userIds="u1"/></niangjia:approval></bpmn:extensionElements></bpmn:userTask>`);
    el.push(`<bpmn:exclusiveGateway id="g${i}" default="d${i}"/>`);
    if (i === 0) flows.push(`<bpmn:sequenceFlow id="in0" sourceRef="${prev}" targetRef="t0"/>`);
    flows.push(`<bpmn:sequenceFlow id="tg${i}" sourceRef="t${i}" targetRef="g${i}"/>`);
    flows.push(`<bpmn:sequenceFlow id="x${i}" sourceRef="g${i}" targetRef="reject_end"><bpmn:conditionExpression>amount &gt; ${1_000_000 + i}</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    prev = `g${i}`;
    flows.push(`<bpmn:sequenceFlow id="d${i}" sourceRef="g${i}" targetRef="${i === tasks - 1 ? "e" : `t${i + 1}`}"/>`);
  }
  return `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${el.join("")}${flows.join("")}</bpmn:process></bpmn:definitions>`;
}

/** start → (fork → 3 approval branches → join)×k → end: 5k + 2 nodes of parallel blocks in a row. */
function parallelBpmn(blocks: number): string {
  const el: string[] = ['<bpmn:startEvent id="s"/>', '<bpmn:endEvent id="e"/>'];
  const flows: string[] = [];
  let prev = "s";
  for (let i = 0; i < blocks; i++) {
    el.push(`<bpmn:parallelGateway id="f${i}"/>`, `<bpmn:parallelGateway id="j${i}"/>`);
    flows.push(`<bpmn:sequenceFlow id="in${i}" sourceRef="${prev}" targetRef="f${i}"/>`);
    for (let b = 0; b < 3; b++) {
      el.push(`<bpmn:userTask id="p${i}_${b}" name="并行${i}-${b}"><bpmn:extensionElements><niangjia:approval mode="any"><niangjia:assignee kind="users" userIds="u1"/></niangjia:approval></bpmn:extensionElements></bpmn:userTask>`);
      flows.push(`<bpmn:sequenceFlow id="a${i}_${b}" sourceRef="f${i}" targetRef="p${i}_${b}"/>`, `<bpmn:sequenceFlow id="b${i}_${b}" sourceRef="p${i}_${b}" targetRef="j${i}"/>`);
    }
    prev = `j${i}`;
  }
  flows.push(`<bpmn:sequenceFlow id="out" sourceRef="${prev}" targetRef="e"/>`);
  return `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${el.join("")}${flows.join("")}</bpmn:process></bpmn:definitions>`;
}

async function compileMedian(xml: string, runs = 15): Promise<{ ms: number; def: FlowDefinition }> {
  const times: number[] = [];
  let def: FlowDefinition | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await compileBpmn(xml);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    def = r.definition;
  }
  if (!def) throw new Error("no runs");
  return { ms: median(times), def };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const xml = chainBpmn(50); // 50 tasks + 50 gateways + start + 2 ends = 103 nodes
  const { ms: chainMs, def } = await compileMedian(xml);
  console.log(`compile 100-node diagram: median ${chainMs.toFixed(1)} ms over 15 runs (${Object.keys(def.nodes).length} nodes, ${def.flows.length} flows)`);

  const parallel = await compileMedian(parallelBpmn(20)); // 20 blocks × (fork + 3 tasks + join) + start + end = 102 nodes
  console.log(`compile 100-node diagram of parallel blocks: median ${parallel.ms.toFixed(1)} ms over 15 runs (${Object.keys(parallel.def.nodes).length} nodes, ${parallel.def.flows.length} flows)`);
  const m0 = performance.now();
  startCase(parallel.def, { data: {}, applicantId: "w" }, { now: new Date().toISOString(), directory: { applicantId: "w", chain: [], programAdmins: [] } });
  console.log(`  first case on it (builds the machine: 20 parallel states of 3 regions): ${(performance.now() - m0).toFixed(1)} ms`);

  const env: EngineEnv = { now: new Date().toISOString(), directory: { applicantId: "w", chain: [], programAdmins: [] } };
  const t0 = performance.now();
  let steps = 0;
  for (let c = 0; c < 20; c++) {
    let step = startCase(def, { data: { amount: 100 }, applicantId: "w" }, env);
    for (let i = 0; i < 50; i++) {
      step = applyEvent(def, step.snapshot, { type: "APPROVE", nodeId: `t${i}`, by: "u1" }, env);
      steps++;
    }
    if (step.status !== "approved") throw new Error(`ended ${step.status}`);
  }
  const pureMs = performance.now() - t0;
  const pureRate = steps / (pureMs / 1000);
  console.log(`pure engine: ${steps} transitions in ${pureMs.toFixed(0)} ms = ${pureRate.toFixed(0)} transitions/s (each restores the JSON snapshot)`);

  const p0 = performance.now();
  let parallelSteps = 0;
  for (let c = 0; c < 5; c++) {
    let step = startCase(parallel.def, { data: {}, applicantId: "w" }, env);
    for (let i = 0; i < 20; i++) {
      for (const b of [2, 0, 1]) {
        step = applyEvent(parallel.def, step.snapshot, { type: "APPROVE", nodeId: `p${i}_${b}`, by: "u1" }, env);
        parallelSteps++;
      }
    }
    if (step.status !== "approved") throw new Error(`parallel ended ${step.status}`);
  }
  const parallelMs = performance.now() - p0;
  console.log(`pure engine, parallel blocks: ${parallelSteps} transitions in ${parallelMs.toFixed(0)} ms = ${(parallelSteps / (parallelMs / 1000)).toFixed(0)} transitions/s (3 open tasks per block)`);

  const h = await createTestDb();
  try {
    await seedDemoOrgs(h.db);
    const single = chainBpmn(1).replace('userIds="u1"', 'userIds="bench-approver"');
    const { programId } = await installProgramTemplate(
      h.db,
      { key: "bench", name: "基准", nameEn: "Bench", description: "", category: "test", caseNoPattern: "B-{seq:6}", formSchema: { schemaVersion: 1, id: "b", title: { zh: "b", en: "b" }, fields: [{ key: "amount", type: "number", label: { zh: "金额", en: "Amount" } }] }, bpmnXml: single },
      "huli",
    );
    const [{ id: workerId }] = await h.db.select({ id: users.id }).from(users).where(eq(users.mobile, "13900000001"));
    const { createUser } = await import("../db/users");
    await createUser(h.db, { id: "bench-approver", name: "基准审批人", mobile: "13711112222", password: "password-123", orgId: "huli", roles: [{ role: "approver" }] });
    const worker = (await loadSessionUser(h.db, workerId))!;
    const approver = (await loadSessionUser(h.db, "bench-approver"))!;
    const n = 100;
    const s0 = performance.now();
    for (let i = 0; i < n; i++) await submitApplication(h.db, worker, programId, { amount: i }, `bench-${i}-key`, "zh");
    const submitMs = performance.now() - s0;
    const open = await listMyTasks(h.db, approver);
    const d0 = performance.now();
    for (const t of open) await decideTask(h.db, approver, t.taskId, { action: "approve", comment: "" });
    const decideMs = performance.now() - d0;
    const persistedRate = (2 * n) / ((submitMs + decideMs) / 1000);
    console.log(`runtime on ${h.kind}: ${n} submissions in ${submitMs.toFixed(0)} ms, ${open.length} decisions in ${decideMs.toFixed(0)} ms = ${persistedRate.toFixed(0)} persisted transitions/s`);
    console.log(`ratio pure / persisted: ${(pureRate / persistedRate).toFixed(1)}x (the database transaction dominates)`);
  } finally {
    await h.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
