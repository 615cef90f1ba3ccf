import type { Queryable } from "../../db/client";
import { usableFiles } from "../../db/files";
import { fileIdsIn, type FileLookup } from "../../forms/fields/upload";
import type { FormSchema } from "../../forms/schema";
import type { SessionUser } from "./identity";

/**
 * The uploaded files a submission may name, for the validator: the submitter's own, in their
 * tenant, not attached to another case. Anything else (a stranger's id, a made-up id) is
 * simply absent, and the upload field reports it as not found.
 */
export async function submissionFileLookup(db: Queryable, user: SessionUser, schema: FormSchema, input: unknown, caseId?: string | null): Promise<FileLookup> {
  const rows = await usableFiles(db, { tenantId: user.tenantId, ownerId: user.id, caseId }, fileIdsIn(schema.fields, input));
  const byId = new Map(rows.map((r) => [r.id, { mime: r.mime, size: r.size, name: r.originalName }]));
  return (id) => byId.get(id);
}

/** The file ids validated data names, to attach to the case. */
export function submittedFileIds(schema: FormSchema, data: Record<string, unknown>): string[] {
  return fileIdsIn(schema.fields, data);
}
