/**
 * Modeler benchmarks (prints figures; not a test): what the problems panel costs after each edit
 * (lintFlow = our compiler + bpmnlint's recommended rules) on a 100-node diagram, and a test-run
 * replay of a 50-step run (the server replays every event on each click).
 *   npx tsx bench/modeler.ts
 */
import { performance } from "node:perf_hooks";
import { approval, bpmn, type TestFlow, type TestNode } from "../workflows/lint/testFlows";
import { lintFlow } from "../workflows/lint/lintFlow";
import { replayTestRun } from "../workflows/testRun/replayTestRun";
import type { CaseEvent } from "../workflows/types";

/** start → n approval steps in a row → end, with diagram info. */
function chain(n: number): string {
  const nodes: TestNode[] = [{ id: "Start", type: "startEvent", name: "提交" }];
  const flows: TestFlow[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `T${i}`, type: "userTask", name: `审批${i}`, inner: approval('mode="single"', 'kind="orgLevel" level="grassroots"') });
    flows.push({ id: `F${i}`, from: i === 0 ? "Start" : `T${i - 1}`, to: `T${i}` });
  }
  nodes.push({ id: "End", type: "endEvent", name: "结束" });
  flows.push({ id: "FEnd", from: `T${n - 1}`, to: "End" });
  return bpmn(nodes, flows);
}

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label}: ${ms.toFixed(1)} ms`);
}

const xml100 = chain(98); // 98 tasks + start + end = 100 nodes
const lint = await lintFlow(xml100);
console.log(`100-node diagram: ${lint.problems.length} problems, ${lint.definition ? "compiles" : "refused"}`);
await time("lintFlow, 100 nodes (compiler + bpmnlint)", 20, () => lintFlow(xml100));

const xml50 = chain(50);
const events: CaseEvent[] = Array.from({ length: 50 }, (_, i) => ({ type: "APPROVE", nodeId: `T${i}`, by: "sample:grassroots:1", comment: "ok" }));
const run = await replayTestRun({ xml: xml50, data: {}, events });
console.log(`50-step test run: ${run.ok ? `${run.steps.length - 1} steps, ends ${run.steps.at(-1)?.status}` : "refused"}`);
await time("replayTestRun, 50 events on a 52-node flow", 5, () => replayTestRun({ xml: xml50, data: {}, events }));
