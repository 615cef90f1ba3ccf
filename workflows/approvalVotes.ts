import type { ApprovalMode } from "./types";

/** Who was asked at a user task in this visit, who still may act, and what each decided. */
export type NodeWork = {
  assignees: string[];
  pending: string[];
  votes: Record<string, "approve" | "reject">;
  /** SLA due time of this visit, when the node has one. */
  dueAt?: string;
};

export type VoteOutcome = "pass" | "fail" | "wait";

/** Approvals needed to pass a 票签 node of `total` voters at `ratio`. */
function approvalsNeeded(total: number, ratio: number): number {
  return Math.max(1, Math.ceil(total * ratio - 1e-9));
}

/** Where a node stands given its votes so far, per approval mode. */
export function outcomeOf(work: NodeWork, mode: ApprovalMode, ratio = 1): VoteOutcome {
  const values = Object.values(work.votes);
  const approvals = values.filter((v) => v === "approve").length;
  const rejections = values.length - approvals;
  const total = work.assignees.length;
  if (total === 0) return "pass";
  if (mode === "ratio") {
    const needed = approvalsNeeded(total, ratio);
    if (approvals >= needed) return "pass";
    return total - rejections < needed ? "fail" : "wait";
  }
  // 或签 / single / 会签 / 依次: one rejection ends the node (一票否决).
  if (rejections > 0) return "fail";
  if (mode === "any" || mode === "single") return approvals > 0 ? "pass" : "wait";
  return approvals >= total ? "pass" : "wait";
}

/** The node after `by` votes; 依次 hands the task to the next person in order. */
export function castVote(work: NodeWork, mode: ApprovalMode, by: string, vote: "approve" | "reject"): NodeWork {
  const votes = { ...work.votes, [by]: vote };
  let pending = work.pending.filter((p) => p !== by);
  if (mode === "sequential") {
    const next = work.assignees.find((a) => !(a in votes));
    pending = next ? [next] : [];
  }
  if (mode === "any" || mode === "single") pending = [];
  return { ...work, pending, votes };
}

/** The node after a decider hands their place to someone else (转办). */
export function transferVote(work: NodeWork, from: string, to: string): NodeWork {
  const swap = (list: string[]) => [...new Set(list.map((p) => (p === from ? to : p)))];
  return { ...work, assignees: swap(work.assignees), pending: swap(work.pending) };
}
