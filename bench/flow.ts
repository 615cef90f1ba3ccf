/**
 * Flow benchmarks (prints figures; not a test): compile time of a 100-node diagram, pure
 * engine transitions per second, and persisted transitions per second through the runtime
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const xml = chainBpmn(50); // 50 tasks + 50 gateways + start + 2 ends = 103 nodes
  const compileTimes: number[] = [];
  let def: FlowDefinition | undefined;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const r = await compileBpmn(xml);
    compileTimes.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    def = r.definition;
  }
  console.log(`compile 100-node diagram: median ${median(compileTimes).toFixed(1)} ms over 15 runs (${Object.keys(def!.nodes).length} nodes, ${def!.flows.length} flows)`);

  const env: EngineEnv = { now: new Date().toISOString(), directory: { applicantId: "w", chain: [], programAdmins: [] } };
  const t0 = performance.now();
  let steps = 0;
  for (let c = 0; c < 20; c++) {
    let step = startCase(def!, { data: { amount: 100 }, applicantId: "w" }, env);
    for (let i = 0; i < 50; i++) {
      step = applyEvent(def!, step.snapshot, { type: "APPROVE", nodeId: `t${i}`, by: "u1" }, env);
      steps++;
    }
    if (step.status !== "approved") throw new Error(`ended ${step.status}`);
  }
  const pureMs = performance.now() - t0;
  const pureRate = steps / (pureMs / 1000);
  console.log(`pure engine: ${steps} transitions in ${pureMs.toFixed(0)} ms = ${pureRate.toFixed(0)} transitions/s (each restores the JSON snapshot)`);

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
