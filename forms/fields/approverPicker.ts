import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType, type FieldZodContext, type SchemaProblem } from "../fieldType";

/**
 * 审批人自选: the applicant picks who approves a step (a flow step's assignee rule
 * "initiatorChoice" reads this field). Only people holding `role` at the levels of the
 * applicant's own org chain can be picked, so a form value never hands a case to a stranger.
 * Stored as ids with names, names always taken from the directory, never from the client.
 */
export const PICKER_LEVELS = ["grassroots", "street", "district", "city"] as const;
export type PickerLevel = (typeof PICKER_LEVELS)[number];

export type ApproverPickerFieldDef = FieldDefBase & {
  type: "approverPicker";
  /** The role the picked people hold on the chain (approver by default). */
  role?: "approver" | "admin";
  /** Which levels of the chain to offer; all by default. */
  levels?: PickerLevel[];
  /** How many people may be picked (1 by default; more for a 会签 or 或签 step). */
  maxPeople?: number;
};

export type PickedPerson = { id: string; name: string };

/** Someone the applicant may pick: their name and the union they act for. */
export type ApproverCandidate = PickedPerson & { orgName: string; level: PickerLevel };

/** On the server (and in the page that renders the widget): who a picker field offers to this applicant. */
export type ApproverCandidates = (field: ApproverPickerFieldDef) => ApproverCandidate[];

export const PICKER_MAX_PEOPLE = 10;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Keeps only the candidates a field offers: its role, its levels. */
export function candidatesFor(field: ApproverPickerFieldDef, people: readonly (ApproverCandidate & { role: string })[]): ApproverCandidate[] {
  const role = field.role ?? "approver";
  const levels = new Set<string>(field.levels ?? PICKER_LEVELS);
  const offered = new Map<string, ApproverCandidate>();
  for (const p of people) if (p.role === role && levels.has(p.level) && !offered.has(p.id)) offered.set(p.id, { id: p.id, name: p.name, orgName: p.orgName, level: p.level });
  return [...offered.values()];
}

/** The ids a stored (or submitted) picker value names, for the assignee rule. */
export function pickedIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p) => (typeof p === "object" && p !== null && typeof (p as PickedPerson).id === "string" ? [(p as PickedPerson).id] : []));
}

function buildPickerZod(field: ApproverPickerFieldDef, ctx: FieldZodContext): z.ZodType {
  const max = field.maxPeople ?? 1;
  const person = z.strictObject(
    { id: z.string().regex(ID_PATTERN, ctx.message("notAnOption")), name: z.string().max(64).optional() },
    { error: ctx.message("wrongType") },
  );
  return z
    .array(z.unknown(), { error: ctx.message("wrongType") })
    .max(max, ctx.message("tooManyPeople", { max }))
    .pipe(z.array(person))
    .refine((people) => new Set(people.map((p) => p.id)).size === people.length, ctx.message("duplicateChoice"))
    .transform((people, refine): PickedPerson[] => {
      const lookup = ctx.people;
      // In the browser only the shape can be checked; the server knows the applicant's chain.
      if (!lookup) return people.map((p) => ({ id: p.id, name: p.name ?? "" }));
      const offered = new Map(lookup(field).map((c) => [c.id, c]));
      const picked: PickedPerson[] = [];
      for (const p of people) {
        const candidate = offered.get(p.id);
        if (!candidate) {
          refine.addIssue({ code: "custom", message: ctx.message("approverNotOffered"), input: p.id });
          return z.NEVER;
        }
        picked.push({ id: candidate.id, name: candidate.name });
      }
      return picked;
    });
}

export const approverPickerField = defineFieldType<ApproverPickerFieldDef>({
  type: "approverPicker",
  valueKind: "object",
  emptyValue: [],
  requiredMessage: "requiredChoice",
  props: {
    role: z.enum(["approver", "admin"]).optional(),
    levels: z.array(z.enum(PICKER_LEVELS)).min(1).max(PICKER_LEVELS.length).optional(),
    maxPeople: z.number().int().min(1).max(PICKER_MAX_PEOPLE).optional(),
  },
  buildZod: buildPickerZod,
  checkDef: (field) => {
    const problems: SchemaProblem[] = [];
    if (field.levels && new Set(field.levels).size !== field.levels.length) problems.push({ path: ["levels"], code: "duplicate_level", message: "层级重复 / a level is listed twice" });
    if (field.default !== undefined) problems.push({ path: ["default"], code: "invalid_default", message: "审批人自选字段不能有默认值 / an approver picker cannot have a default" });
    return problems;
  },
  display: (value) => (Array.isArray(value) ? value.map((p) => (p as PickedPerson).name).filter(Boolean).join("、") : ""),
  hint: { widget: "approverPicker" },
});
