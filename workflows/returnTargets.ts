import { mayReturnTo, structureOf } from "./flowStructure";
import type { FlowDefinition } from "./types";

export type ReturnTarget = { nodeId: string; name: string };

/**
 * Where an approver at `nodeId` may send a case back (退回到): the approval steps this case has
 * already passed through that the flow lets it return to (same parallel branch or before the
 * fork), in the order the diagram lists them. The applicant (退回申请人) is always offered beside
 * these by the caller.
 */
export function returnTargetsOf(def: FlowDefinition, nodeId: string, visits: Readonly<Record<string, number>>): ReturnTarget[] {
  const node = def.nodes[nodeId];
  if (node?.kind !== "userTask" || !node.approval.actions.includes("return")) return [];
  const st = structureOf(def);
  return Object.values(def.nodes).flatMap((n) =>
    n.kind === "userTask" && (visits[n.id] ?? 0) > 0 && mayReturnTo(def, st, nodeId, n.id) ? [{ nodeId: n.id, name: n.name }] : [],
  );
}

/** The visit counts kept in a persisted case snapshot (absent in a malformed one: no targets). */
export function visitsOf(persistedSnapshot: unknown): Record<string, number> {
  const visits = (persistedSnapshot as { context?: { visits?: unknown } } | null)?.context?.visits;
  return typeof visits === "object" && visits !== null ? (visits as Record<string, number>) : {};
}
