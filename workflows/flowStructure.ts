import type { FlowDefinition, FlowNode, Localized, Problem, SequenceFlow } from "./types";

/**
 * Where a node's state lives in the machine: the process, an embedded sub-process, one branch
 * of a parallel block, or the side path of a non-interrupting boundary (not a state at all).
 */
export type Region = {
  key: string;
  kind: "process" | "subProcess" | "branch" | "side";
  /** The sub-process, the fork, or the boundary event the region belongs to. */
  owner: string | null;
  parent: string | null;
  /** First node of the region; null for an empty branch (fork straight to join). */
  entry: string | null;
  nodes: string[];
};

/** The block structure of a flow: every node's region, each fork's join and branches. */
export type FlowStructure = {
  regions: Record<string, Region>;
  regionOf: Record<string, string>;
  forks: Record<string, { join: string; branches: string[] }>;
  joins: Record<string, string>;
  boundariesOf: Record<string, string[]>;
  problems: Problem[];
};

export const PROCESS_REGION = "$process";

const bpmnTypes: Record<FlowNode["kind"], string> = {
  start: "bpmn:StartEvent",
  end: "bpmn:EndEvent",
  userTask: "bpmn:UserTask",
  serviceTask: "bpmn:ServiceTask",
  exclusiveGateway: "bpmn:ExclusiveGateway",
  parallelGateway: "bpmn:ParallelGateway",
  subProcess: "bpmn:SubProcess",
  timer: "bpmn:IntermediateCatchEvent",
  boundary: "bpmn:BoundaryEvent",
};

const L = (zh: string, en: string): Localized => ({ zh, en });

export function flowsFrom(def: FlowDefinition, id: string): SequenceFlow[] {
  return def.flows.filter((f) => f.source === id);
}

/**
 * Finds the parallel blocks and checks they are block-structured: each fork's branches run
 * separately and all meet at one join, and no flow jumps into or out of a block. Never throws.
 */
export function analyseStructure(def: FlowDefinition): FlowStructure {
  const out = new Map<string, SequenceFlow[]>();
  const inc = new Map<string, SequenceFlow[]>();
  for (const f of def.flows) {
    out.set(f.source, [...(out.get(f.source) ?? []), f]);
    inc.set(f.target, [...(inc.get(f.target) ?? []), f]);
  }
  const outOf = (id: string) => out.get(id) ?? [];
  const inOf = (id: string) => inc.get(id) ?? [];
  const st: FlowStructure = { regions: {}, regionOf: {}, forks: {}, joins: {}, boundariesOf: {}, problems: [] };
  const nodes = Object.values(def.nodes);
  for (const n of nodes) if (n.kind === "boundary") st.boundariesOf[n.attachedTo] = [...(st.boundariesOf[n.attachedTo] ?? []), n.id];

  const fail = (code: string, id: string, type: string | undefined, message: Localized, hint: Localized) =>
    st.problems.push({ code, elementId: id, elementType: type ?? bpmnTypes[def.nodes[id]?.kind] ?? "bpmn:FlowNode", name: def.nodes[id]?.name ?? "", message, hint });
  const isParallel = (id: string) => def.nodes[id]?.kind === "parallelGateway";
  const isFork = (id: string) => isParallel(id) && outOf(id).length > 1;
  const isJoin = (id: string) => isParallel(id) && inOf(id).length > 1 && !isFork(id);
  for (const n of nodes) {
    if (isParallel(n.id) && inOf(n.id).length > 1 && outOf(n.id).length > 1) {
      fail("parallel.mixed", n.id, undefined, L("并行网关不能同时汇合和分叉", "A parallel gateway cannot both join and fork"), L("拆成两个网关：先汇合，再分叉", "Split it into two gateways: join first, then fork"));
    }
  }

  const region = (r: Omit<Region, "nodes">): Region => (st.regions[r.key] = { ...r, nodes: [] });
  const assign = (id: string, r: Region): boolean => {
    const current = st.regionOf[id];
    if (current !== undefined) return current === r.key;
    st.regionOf[id] = r.key;
    r.nodes.push(id);
    return true;
  };
  const inProgress = new Set<string>();

  /** The side path of a non-interrupting boundary: service tasks in a row, then a blank end. */
  const detach = (boundaryId: string, parent: Region) => {
    const side = region({ key: `${boundaryId}#side`, kind: "side", owner: boundaryId, parent: parent.key, entry: null });
    assign(boundaryId, side);
    let at = boundaryId;
    for (let guard = 0; guard < 100; guard++) {
      const next = outOf(at);
      const target = next.length === 1 ? def.nodes[next[0].target] : undefined;
      if (!target || !(target.kind === "serviceTask" || (target.kind === "end" && !target.terminate))) {
        fail("boundary.sidePath", boundaryId, undefined, L("非中断边界事件之后只能接服务任务，并以空白结束事件结束", "After a non-interrupting boundary event only service tasks may follow, ending in a blank end event"), L("例如：催办提醒 → 发送通知 → 结束；要改变流程走向请用中断边界事件", "e.g. reminder → send notification → end; use an interrupting boundary to change the course of the flow"));
        return;
      }
      side.entry ??= target.id;
      if (!assign(target.id, side)) return;
      if (target.kind === "end") return;
      at = target.id;
    }
  };

  const walk = (entry: string, r: Region): Set<string> => {
    const joins = new Set<string>();
    const queue = [entry];
    const seen = new Set<string>();
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = def.nodes[id];
      if (!node) continue;
      if (isJoin(id)) {
        joins.add(id);
        continue;
      }
      // Reached from two regions: the flow check below names the flow that crosses.
      if (!assign(id, r)) continue;
      if (isFork(id)) {
        const join = matchFork(id, r);
        if (join && assign(join, r)) for (const f of outOf(join)) queue.push(f.target);
        continue;
      }
      for (const b of st.boundariesOf[id] ?? []) {
        const boundary = def.nodes[b];
        if (boundary?.kind !== "boundary") continue;
        if (boundary.interrupting) {
          if (assign(b, r)) for (const f of outOf(b)) queue.push(f.target);
        } else detach(b, r);
      }
      if (node.kind === "end" && !node.terminate && r.kind === "branch") {
        fail("parallel.endInBranch", id, undefined, L("并行分支里不能用空白结束事件（汇合网关会一直等它）", "A parallel branch cannot end in a blank end event (the join would wait for it forever)"), L("把这条分支连到汇合网关；要结束整个申请请用终止结束事件", "Connect the branch to the join; use a terminate end event to end the whole case"));
      }
      for (const f of outOf(id)) queue.push(f.target);
    }
    return joins;
  };

  const matchFork = (forkId: string, parent: Region): string | null => {
    if (inProgress.has(forkId)) return null;
    inProgress.add(forkId);
    const perBranch: Set<string>[] = [];
    const keys: string[] = [];
    outOf(forkId).forEach((f, i) => {
      const empty = isJoin(f.target);
      const branch = region({ key: `${forkId}#${i}`, kind: "branch", owner: forkId, parent: parent.key, entry: empty ? null : f.target });
      keys.push(branch.key);
      perBranch.push(empty ? new Set([f.target]) : walk(f.target, branch));
    });
    const reached = new Set(perBranch.flatMap((s) => [...s]));
    if (reached.size !== 1 || perBranch.some((s) => s.size !== 1)) {
      const none = perBranch.some((s) => s.size === 0);
      fail(
        "parallel.unstructured",
        forkId,
        undefined,
        none
          ? L("并行网关有一条分支到不了汇合网关", "A branch of this parallel gateway never reaches a join")
          : L("并行网关的各分支没有汇合到同一个并行网关", "The branches of this parallel gateway do not meet at one join"),
        L("每个并行分叉要有一个对应的并行汇合，所有分支都连到它，中间不跳出也不跳入", "Give each parallel fork one matching parallel join that every branch reaches, with no flow jumping in or out of the block"),
      );
      return null;
    }
    const join = [...reached][0];
    if (st.joins[join]) {
      fail("parallel.unstructured", join, undefined, L("两个并行分叉共用了一个汇合网关", "Two parallel forks share one join"), L("每个分叉配一个自己的汇合网关", "Give every fork its own join"));
      return null;
    }
    if (inOf(join).length !== keys.length) {
      fail("parallel.joinCount", join, undefined, L(`汇合网关有 ${inOf(join).length} 条入线，但分叉有 ${keys.length} 条分支`, `The join has ${inOf(join).length} incoming flows but the fork has ${keys.length} branches`), L("每条分支正好一条连线进入汇合网关", "Each branch enters the join with exactly one flow"));
    }
    st.forks[forkId] = { join, branches: keys };
    st.joins[join] = forkId;
    return join;
  };

  const startIn = (container: string | undefined) => nodes.find((n) => n.kind === "start" && n.parent === container)?.id;
  const depth = (id: string): number => {
    let d = 0;
    for (let p = def.nodes[id]?.parent; p && d < 100; p = def.nodes[p]?.parent) d++;
    return d;
  };
  const processStart = startIn(undefined);
  if (processStart) {
    const joins = walk(processStart, region({ key: PROCESS_REGION, kind: "process", owner: null, parent: null, entry: processStart }));
    for (const j of joins) fail("parallel.joinWithoutFork", j, undefined, L("这个并行汇合网关没有对应的并行分叉", "This parallel join has no matching fork"), L("用排他网关合并互斥的分支", "Merge alternative branches with an exclusive gateway"));
  }
  const subProcesses = nodes.filter((n) => n.kind === "subProcess").sort((a, b) => depth(a.id) - depth(b.id));
  for (const sp of subProcesses) {
    const start = startIn(sp.id);
    if (!start || st.regionOf[sp.id] === undefined) continue;
    const joins = walk(start, region({ key: sp.id, kind: "subProcess", owner: sp.id, parent: st.regionOf[sp.id], entry: start }));
    for (const j of joins) fail("parallel.joinWithoutFork", j, undefined, L("这个并行汇合网关没有对应的并行分叉", "This parallel join has no matching fork"), L("用排他网关合并互斥的分支", "Merge alternative branches with an exclusive gateway"));
  }

  for (const f of def.flows) {
    const from = st.regionOf[f.source];
    const to = st.regionOf[f.target];
    if (from === undefined || to === undefined) continue;
    const fork = st.forks[f.source];
    const joinOf = st.joins[f.target];
    const ok = fork ? fork.branches.includes(to) || f.target === fork.join : joinOf ? st.forks[joinOf].branches.includes(from) || f.source === joinOf : from === to;
    if (!ok) {
      st.problems.push({
        code: "parallel.crossing",
        elementId: f.id,
        elementType: "bpmn:SequenceFlow",
        name: f.name ?? "",
        message: L("这条连线跳入或跳出了并行块（或两条并行分支共用了节点）", "This flow jumps into or out of a parallel block (or two parallel branches share a step)"),
        hint: L("并行分支只能在对应的汇合网关处离开；需要提前结束请用终止结束事件", "Parallel branches may leave only through their join; use a terminate end event to stop early"),
      });
    }
  }
  return st;
}

/** The parallel branches a node sits in, innermost first (through sub-processes too). */
export function branchesAround(st: FlowStructure, nodeId: string): string[] {
  const chain: string[] = [];
  for (let key: string | null = st.regionOf[nodeId] ?? null, guard = 0; key && guard < 200; guard++) {
    const r: Region | undefined = st.regions[key];
    if (!r) break;
    if (r.kind === "branch") chain.push(r.key);
    key = r.parent;
  }
  return chain;
}

/** Where 重新提交 resumes after a 退回 to the applicant from `nodeId`: the outermost fork around it, or the node. */
export function resumeTargetOf(st: FlowStructure, nodeId: string): string {
  const chain = branchesAround(st, nodeId);
  return chain.length ? (st.regions[chain[chain.length - 1]].owner ?? nodeId) : nodeId;
}

/**
 * Where a 退回 from `nodeId` may go: another user task in the same parallel branch or outside
 * every branch the node sits in (before the fork), never into another branch.
 */
export function mayReturnTo(def: FlowDefinition, st: FlowStructure, nodeId: string, target: string): boolean {
  if (target === nodeId || def.nodes[target]?.kind !== "userTask") return false;
  const region = st.regions[st.regionOf[target] ?? ""];
  if (!region || region.kind === "side") return false;
  const mine = new Set(branchesAround(st, nodeId));
  return branchesAround(st, target).every((b) => mine.has(b));
}

const structures = new WeakMap<FlowDefinition, FlowStructure>();

/** The structure of a published (already checked) definition, computed once per definition object. */
export function structureOf(def: FlowDefinition): FlowStructure {
  let st = structures.get(def);
  if (!st) {
    st = analyseStructure(def);
    structures.set(def, st);
  }
  return st;
}
