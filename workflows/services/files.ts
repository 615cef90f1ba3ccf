import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../../db/client";
import { fileMeta, getFile, insertFile, uploadsSince, type FileMeta } from "../../db/files";
import type { FileStore } from "../../db/fileStore";
import { newId } from "../../db/ids";
import { programVersions } from "../../db/schema";
import { uploadedFileProblem, uploadMaxBytes, UPLOAD_MAX_MB, type UploadFieldDef } from "../../forms/fields/upload";
import { formMessage, localized, type Locale } from "../../forms/messages";
import type { FormSchema } from "../../forms/schema";
import { CaseCommandError } from "../runtime/errors";
import { visibleCase } from "./cases";
import type { SessionUser } from "./identity";
import { programVisibleTo, publishedVersionFor } from "./programs";

/** What the HTTP layer read from the request: the file's bytes, or why there are none. */
export type UploadRead =
  | { ok: true; name: string; bytes: Uint8Array }
  | { ok: false; reason: "tooLarge"; name: string }
  | { ok: false; reason: "noFile" };

/** Reads the one file of an upload request, stopping as soon as it passes `maxBytes`. */
export type UploadReader = (maxBytes: number) => Promise<UploadRead>;

/** Which field a file is for: a field of the program's published form, or of a returned case's own version. */
export type UploadTarget = { programId: string; fieldKey: string; caseId?: string | null };

/** Enough for any honest application; stops a script from filling the disk through one account. */
export const MAX_UPLOADS_PER_DAY = 300;

const fileNotFound = () => new CaseCommandError("fileNotFound", "文件不存在或无权查看", "File not found or not visible to you", 404);
const uploadFieldNotFound = () => new CaseCommandError("fileNotFound", "没有这个上传项", "There is no such upload field", 404);

function refuse(field: UploadFieldDef, message: string, status = 422, code: "invalidData" | "fileTooLarge" = "invalidData"): CaseCommandError {
  return new CaseCommandError(code, "文件不符合要求", "The file was not accepted", status, { [field.key]: message });
}

async function formFor(db: Db, user: SessionUser, target: UploadTarget): Promise<FormSchema> {
  if (target.caseId) {
    const row = await visibleCase(db, user, target.caseId);
    if (row.applicantId !== user.id || row.programId !== target.programId) throw uploadFieldNotFound();
    const [pv] = await db.select({ formSchema: programVersions.formSchema }).from(programVersions).where(eq(programVersions.id, row.programVersionId));
    return pv.formSchema as FormSchema;
  }
  const program = await programVisibleTo(db, user, target.programId);
  const version = program && (await publishedVersionFor(db, program.id));
  if (!version) throw uploadFieldNotFound();
  return version.formSchema as FormSchema;
}

/** A file name safe to show and to send back in a header: no path, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").trim();
  if (!clean) return "file";
  const chars = [...clean];
  if (chars.length <= 120) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return chars.slice(0, 120 - ext.length).join("") + ext;
}

/**
 * Store one uploaded file for an upload field: at most the field's size is read, the type is
 * sniffed from the bytes (a program renamed .jpg is refused, naming what it really is), and
 * the file belongs to the uploader until a submission attaches it to a case.
 */
export async function uploadFile(db: Db, store: FileStore, user: SessionUser, target: UploadTarget, read: UploadReader, locale: Locale): Promise<FileMeta> {
  const schema = await formFor(db, user, target);
  const field = schema.fields.find((f): f is UploadFieldDef => f.key === target.fieldKey && f.type === "upload");
  if (!field) throw uploadFieldNotFound();
  if ((await uploadsSince(db, user.id, new Date(Date.now() - 86_400_000))) >= MAX_UPLOADS_PER_DAY) {
    throw new CaseCommandError("tooManyUploads", "今天上传的文件太多了，请明天再试", "Too many uploads today; please try again tomorrow", 429);
  }
  const got = await read(uploadMaxBytes(field));
  if (!got.ok && got.reason === "noFile") {
    throw refuse(field, formMessage(locale, "required", { label: localized(field.label, locale) }), 400);
  }
  if (!got.ok) {
    const max = field.maxSizeMb ?? UPLOAD_MAX_MB;
    const message = formMessage(locale, "fileTooLarge", { label: localized(field.label, locale), max, name: cleanFileName(got.name), size: `>${max}` });
    throw refuse(field, message, 413, "fileTooLarge");
  }
  const name = cleanFileName(got.name);
  const sniffed = await fileTypeFromBuffer(got.bytes);
  const problem = uploadedFileProblem(field, { mime: sniffed?.mime, ext: sniffed?.ext, size: got.bytes.byteLength, name }, locale);
  if (problem) throw refuse(field, problem);

  const mime = sniffed!.mime; // uploadedFileProblem refuses an unknown type
  const sha256 = createHash("sha256").update(got.bytes).digest("hex");
  await store.put(user.tenantId, sha256, got.bytes);
  const id = newId();
  await insertFile(db, { id, tenantId: user.tenantId, ownerId: user.id, programId: target.programId, fieldKey: field.key, sha256, size: got.bytes.byteLength, mime, originalName: name });
  return { id, name, mime, size: got.bytes.byteLength };
}

async function caseIsVisible(db: Db, user: SessionUser, caseId: string): Promise<boolean> {
  try {
    await visibleCase(db, user, caseId);
    return true;
  } catch (err) {
    if (err instanceof CaseCommandError && err.code === "caseNotFound") return false;
    throw err;
  }
}

/** A file's bytes for someone who may see them: its uploader, or anyone who may see the case it is attached to. */
export async function readFileFor(db: Db, store: FileStore, user: SessionUser, fileId: string): Promise<{ meta: FileMeta; bytes: Uint8Array }> {
  if (!/^[0-9a-f-]{36}$/.test(fileId)) throw fileNotFound();
  const row = await getFile(db, fileId);
  if (!row) throw fileNotFound();
  if (row.ownerId !== user.id && !(row.caseId && (await caseIsVisible(db, user, row.caseId)))) throw fileNotFound();
  const bytes = await store.get(row.tenantId, row.sha256);
  if (!bytes) throw fileNotFound();
  return { meta: fileMeta(row), bytes };
}
