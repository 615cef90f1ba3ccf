import { feelIsTrue, feelReferencedNames } from "../forms/feel";
import type { ApprovalMode } from "./types";

/** How a node's votes decide it: the mode, the 票签 ratio, or a multi-instance completion condition. */
export type VoteRule = { mode: ApprovalMode; ratio?: number; completionCondition?: string };

/** Who was asked at a user task in this visit, who still may act, and what each decided. */
export type NodeWork = {
  assignees: string[];
  pending: string[];
  votes: Record<string, "approve" | "reject">;
  /** SLA due time of this visit, when the node has one. */
  dueAt?: string;
  /** 前加签: approver → the person asked to give an opinion before that approver decides. */
  before?: Record<string, string>;
  /** 后加签: people who must also approve after the node's own approvers have passed it. */
  after?: string[];
  /** Opinions given by 前加签 signers (they hand the task back; they do not vote). */
  opinions?: Record<string, "approve" | "reject">;
  /** 认领: the one of `assignees` who took the task; the others may not act until it is released. */
  claimedBy?: string;
};

export type VoteOutcome = "pass" | "fail" | "wait";

/** Approvals needed to pass a 票签 node of `total` voters at `ratio`. */
function approvalsNeeded(total: number, ratio: number): number {
  return Math.max(1, Math.ceil(total * ratio - 1e-9));
}

/**
 * A multi-instance completion condition. One that counts votes (nrOfApprovals, nrOfRejections)
 * passes the node when true and fails it once it cannot come true even if everyone left approves; one that
 * only says when to stop (nrOfCompletedInstances …) keeps 一票否决 and passes when true or
 * when everyone approved.
 */
function conditionOutcome(condition: string, approvals: number, rejections: number, total: number, sequential: boolean): VoteOutcome {
  const completed = approvals + rejections;
  const countsVotes = feelReferencedNames(condition).some((n) => n === "nrOfApprovals" || n === "nrOfRejections");
  if (!countsVotes && rejections > 0) return "fail";
  const holds = (yes: number, no: number) =>
    feelIsTrue(condition, { nrOfInstances: total, nrOfCompletedInstances: yes + no, nrOfActiveInstances: sequential ? Math.min(1, total - yes - no) : total - yes - no, nrOfApprovals: yes, nrOfRejections: no });
  if (holds(approvals, rejections)) return "pass";
  if (completed >= total) return countsVotes ? "fail" : "pass";
  // Not even every remaining approval would make it hold: decided now.
  if (countsVotes && !holds(approvals + total - completed, rejections)) return "fail";
  return "wait";
}

/** The node's own approvers' verdict, per approval mode. */
function ownOutcome(work: NodeWork, rule: VoteRule): VoteOutcome {
  const { mode } = rule;
  const ratio = rule.ratio ?? 1;
  const own = work.assignees.filter((a) => a in work.votes).map((a) => work.votes[a]);
  const approvals = own.filter((v) => v === "approve").length;
  const rejections = own.length - approvals;
  const total = work.assignees.length;
  if (total === 0) return "pass";
  if (rule.completionCondition) return conditionOutcome(rule.completionCondition, approvals, rejections, total, mode === "sequential");
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

/** Where a node stands: its own approvers' verdict, then every 后加签 signer's. */
export function outcomeOf(work: NodeWork, rule: VoteRule): VoteOutcome {
  const own = ownOutcome(work, rule);
  if (own !== "pass") return own;
  const after = work.after ?? [];
  if (after.some((a) => work.votes[a] === "reject")) return "fail";
  return after.every((a) => work.votes[a] === "approve") ? "pass" : "wait";
}

/** Someone else's claim keeps the node's other own approvers from acting (加签 signers are not bound by it). */
export function blockedByClaim(work: NodeWork | undefined, who: string): boolean {
  return Boolean(work?.claimedBy && work.claimedBy !== who && work.assignees.includes(who));
}

/**
 * Only a pool where one person decides for everyone (单人 / 或签 with several candidates still
 * waiting, no 前加签 under way) can be claimed: in 会签, 依次 or 票签 everyone must act anyway.
 */
export function mayClaim(work: NodeWork | undefined, rule: VoteRule, by: string): boolean {
  if (!work || work.claimedBy || rule.completionCondition || (rule.mode !== "single" && rule.mode !== "any")) return false;
  if (Object.keys(work.before ?? {}).length > 0 || Object.keys(work.votes).length > 0) return false;
  const candidates = work.assignees.filter((a) => work.pending.includes(a));
  return candidates.length >= 2 && candidates.includes(by);
}

/** The claimer may give the task back while it is theirs to decide (not while a 前加签 signer holds it). */
export function mayRelease(work: NodeWork | undefined, by: string): boolean {
  return Boolean(work && work.claimedBy === by && work.pending.includes(by));
}

export function isBeforeSigner(work: NodeWork | undefined, who: string): boolean {
  return Object.values(work?.before ?? {}).includes(who);
}

/** The node after `by` decides: a 前加签 opinion hands the task back; a vote may pass it on. */
export function castVote(work: NodeWork, rule: VoteRule, by: string, vote: "approve" | "reject"): NodeWork {
  const { mode } = rule;
  const before = work.before ?? {};
  const waitingApprover = Object.keys(before).find((approver) => before[approver] === by);
  if (waitingApprover) {
    const rest = Object.fromEntries(Object.entries(before).filter(([approver]) => approver !== waitingApprover));
    return { ...work, before: rest, pending: [...work.pending.filter((p) => p !== by), waitingApprover], opinions: { ...work.opinions, [by]: vote } };
  }
  const votes = { ...work.votes, [by]: vote };
  // The claimer's own decision uses the claim up.
  const claimedBy = work.claimedBy === by ? undefined : work.claimedBy;
  let pending = work.pending.filter((p) => p !== by);
  if (mode === "sequential") {
    const next = work.assignees.find((a) => !(a in votes));
    pending = next ? [next] : [];
  }
  if ((mode === "any" || mode === "single") && work.assignees.includes(by)) pending = [];
  const next: NodeWork = { ...work, pending, votes, claimedBy };
  if (!claimedBy) delete next.claimedBy;
  // Once the node's own approvers pass it, the 后加签 signers who have not voted are asked.
  if (ownOutcome(next, rule) === "pass") next.pending = (work.after ?? []).filter((a) => !(a in votes));
  return next;
}

/** The node after a decider hands their place to someone else (转办). */
export function transferVote(work: NodeWork, from: string, to: string): NodeWork {
  const swap = (list: string[]) => [...new Set(list.map((p) => (p === from ? to : p)))];
  const claimed = work.claimedBy === from ? { claimedBy: to } : {};
  return { ...work, assignees: swap(work.assignees), pending: swap(work.pending), ...claimed };
}

/** 加签: before = `userId` gives an opinion first; after = `userId` must also approve. */
export function addSigner(work: NodeWork, by: string, userId: string, position: "before" | "after"): NodeWork {
  if (position === "before") {
    return { ...work, before: { ...work.before, [by]: userId }, pending: [...work.pending.filter((p) => p !== by), userId] };
  }
  return { ...work, after: [...new Set([...(work.after ?? []), userId])] };
}
