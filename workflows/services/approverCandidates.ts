import type { Queryable } from "../../db/client";
import { roleHoldersOnChain } from "../../db/orgs";
import { candidatesFor, type ApproverCandidate, type ApproverCandidates, type ApproverPickerFieldDef } from "../../forms/fields/approverPicker";
import type { FormSchema } from "../../forms/schema";

const pickersOf = (schema: FormSchema) => schema.fields.filter((f): f is ApproverPickerFieldDef => f.type === "approverPicker");

/**
 * Whom an applicant may pick in a form's approver pickers: people holding the field's role at
 * its levels of the applicant's own org chain, never the applicant. The database is asked only
 * when the form has a picker.
 */
export async function approverCandidatesOf(db: Queryable, applicant: { id: string; orgId: string }, schema: FormSchema): Promise<ApproverCandidates> {
  if (pickersOf(schema).length === 0) return () => [];
  const holders = (await roleHoldersOnChain(db, applicant.orgId)).filter((p) => p.id !== applicant.id);
  return (field) => candidatesFor(field, holders);
}

/** The picker widgets' options on the apply and 补正 pages, by field key. */
export async function approverOptionsOf(db: Queryable, applicant: { id: string; orgId: string }, schema: FormSchema): Promise<Record<string, ApproverCandidate[]>> {
  const pickers = pickersOf(schema);
  if (pickers.length === 0) return {};
  const lookup = await approverCandidatesOf(db, applicant, schema);
  return Object.fromEntries(pickers.map((f) => [f.key, lookup(f)]));
}
