import { pickedIds } from "../forms/fields/approverPicker";
import type { ApprovalSpec, AssigneeRule, Directory, DirectoryOrg } from "./types";

type Resolver<K extends AssigneeRule["kind"]> = (rule: Extract<AssigneeRule, { kind: K }>, directory: Directory, data: Record<string, unknown>) => string[];

const holders = (org: DirectoryOrg | undefined, role = "approver") => org?.roles[role] ?? [];

/** How each kind of assignee rule finds people in the applicant's org chain. */
const resolvers: { [K in AssigneeRule["kind"]]: Resolver<K> } = {
  orgLevel: (rule, dir) => holders(dir.chain.find((o) => o.level === rule.level), rule.role),
  orgChain: (rule, dir) => dir.chain.slice(0, rule.levels).flatMap((o) => holders(o, rule.role)),
  users: (rule) => rule.userIds,
  rolePool: (rule, dir) => dir.chain.filter((o) => !rule.orgLevel || o.level === rule.orgLevel).flatMap((o) => holders(o, rule.role)),
  initiatorChoice: (rule, dir, data) => onChain(dir, asIds(data[rule.field ?? "approver"])),
  formField: (rule, dir, data) => onChain(dir, asIds(data[rule.field])),
};

/**
 * People named by the form (the applicant's choice, a field) count only if they hold a role on
 * the applicant's own org chain: a form value must not hand a case to a stranger, who would then
 * see it. Anyone else is dropped, and the node falls back to its rule for nobody found.
 */
function onChain(dir: Directory, ids: string[]): string[] {
  const known = new Set(dir.chain.flatMap((o) => Object.values(o.roles).flat()));
  return ids.filter((id) => known.has(id));
}

/** A user id, a list of them, or an approver picker's people ({id, name}). */
function asIds(value: unknown): string[] {
  if (typeof value === "string" && value) return [value];
  if (!Array.isArray(value)) return [];
  return [...value.filter((v): v is string => typeof v === "string" && v.length > 0), ...pickedIds(value)];
}

/**
 * The people asked at a user task, after the rules for the applicant being an approver
 * (skip, keep, or go one level up) and for nobody being found (hand to the program admins).
 */
export function resolveAssignees(spec: ApprovalSpec, directory: Directory, data: Record<string, unknown>): string[] {
  const rule = spec.assignee;
  let people = [...new Set((resolvers[rule.kind] as Resolver<typeof rule.kind>)(rule as never, directory, data))];
  if (people.includes(directory.applicantId) && spec.applicantIsApprover !== "self") {
    people = people.filter((p) => p !== directory.applicantId);
    if (spec.applicantIsApprover === "toSuperior" && people.length === 0 && rule.kind === "orgLevel") {
      const at = directory.chain.findIndex((o) => o.level === rule.level);
      const above = directory.chain.slice(at + 1).find((o) => holders(o, rule.role).length > 0);
      people = holders(above, rule.role).filter((p) => p !== directory.applicantId);
    }
  }
  if (people.length === 0 && spec.emptyAssignee === "toAdmin") people = directory.programAdmins.filter((p) => p !== directory.applicantId);
  return people;
}
