import { and, eq } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client";
import { fileMeta, usableFiles, type FileMeta } from "../../db/files";
import { newId } from "../../db/ids";
import { cases, drafts } from "../../db/schema";
import { openCaseData, sealCaseData } from "../../db/caseData";
import { getFieldType } from "../../forms/fieldRegistry";
import { sensitivePathsOf } from "../../forms/sensitiveFields";
import { fileIdsIn } from "../../forms/fields/upload";
import type { FormSchema } from "../../forms/schema";
import { CaseCommandError, caseNotFound } from "../runtime/errors";
import type { SessionUser } from "./identity";
import { getProgramForApply } from "./programs";

/** A draft is what a person typed, not a file store: 200 kB of JSON is far more than any form needs. */
export const MAX_DRAFT_BYTES = 200_000;

/** The keys of the fields a person fills (not headings, static text or computed values). */
function fillableKeys(schema: FormSchema): string[] {
  return schema.fields.filter((f) => !["none", "computed"].includes(getFieldType(f.type)?.valueKind ?? "none")).map((f) => f.key);
}

/** Keep only the form's own keys; values are not judged (a draft may be half-typed). */
export function stripDraft(schema: FormSchema, input: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of fillableKeys(schema)) {
    if (Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined) data[key] = input[key];
  }
  return data;
}

/**
 * Autosave of the apply page: one draft per person and program, replaced on each save.
 * A save that arrives after its form was submitted (a late debounce, a page-hide beacon)
 * is dropped rather than bringing the draft back.
 */
export async function saveDraft(db: Db, user: SessionUser, programId: string, input: unknown, submitKey: string): Promise<{ saved: boolean; savedAt: string | null }> {
  const found = await getProgramForApply(db, user, programId);
  if (!found) throw caseNotFound();
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new CaseCommandError("invalidData", "草稿格式不正确", "The draft is not a form object", 422);
  }
  if (submitKey) {
    const [submitted] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.applicantId, user.id), eq(cases.submitKey, submitKey)));
    if (submitted) return { saved: false, savedAt: null };
  }
  const schema = found.version.formSchema as FormSchema;
  const plain = stripDraft(schema, input as Record<string, unknown>);
  if (Buffer.byteLength(JSON.stringify(plain)) > MAX_DRAFT_BYTES) {
    throw new CaseCommandError("draftTooLarge", "草稿内容过多，未能保存", "The draft is too large to save", 413);
  }
  // Half-typed personal numbers are kept sealed like a submitted case's.
  const data = sealCaseData(plain, sensitivePathsOf(schema));
  const now = new Date();
  await db
    .insert(drafts)
    .values({ id: newId(), tenantId: found.program.tenantId, userId: user.id, programId, data, updatedAt: now })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.programId], set: { data, updatedAt: now } });
  return { saved: true, savedAt: now.toISOString() };
}

export async function deleteDraft(db: Queryable, userId: string, programId: string): Promise<void> {
  await db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.programId, programId)));
}

export type ApplyPage = NonNullable<Awaited<ReturnType<typeof getApplyPage>>>;

/**
 * The apply page: the program's published form and, if the person started one on any device,
 * their draft, with the uploaded files it names that they may still use.
 */
export async function getApplyPage(db: Db, user: SessionUser, programId: string) {
  const found = await getProgramForApply(db, user, programId);
  if (!found) return undefined;
  const schema = found.version.formSchema as FormSchema;
  const [row] = await db.select().from(drafts).where(and(eq(drafts.userId, user.id), eq(drafts.programId, programId)));
  let draft: { data: Record<string, unknown>; updatedAt: string } | null = null;
  let files: FileMeta[] = [];
  if (row) {
    const data = stripDraft(schema, openCaseData(row.data as Record<string, unknown>));
    const usable = await usableFiles(db, { tenantId: user.tenantId, ownerId: user.id }, fileIdsIn(schema.fields, data));
    const usableIds = new Set(usable.map((f) => f.id));
    // A file submitted with another application since (or never uploaded) is dropped from the draft.
    for (const field of schema.fields) {
      const value = data[field.key];
      if (field.type === "upload" && Array.isArray(value)) data[field.key] = value.filter((id) => typeof id === "string" && usableIds.has(id));
    }
    files = usable.map(fileMeta);
    draft = { data, updatedAt: row.updatedAt.toISOString() };
  }
  return { ...found, draft, files };
}
