import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType, type FieldZodContext, type SchemaProblem } from "../fieldType";
import { formMessage, localized, type Locale } from "../messages";

/**
 * File and image upload. The value is a list of file ids returned by the upload route; the
 * bytes live in the file store and their type is sniffed from content when uploaded, never
 * taken from the name or the browser. In the browser the validator checks the list's shape;
 * on the server it is also given the uploaded files' facts (owner, sniffed type, size).
 */
export const UPLOAD_TYPES = {
  "image/jpeg": "JPG",
  "image/png": "PNG",
  "image/webp": "WebP",
  "image/gif": "GIF",
  "application/pdf": "PDF",
} as const;

export type UploadMime = keyof typeof UPLOAD_TYPES;

export const UPLOAD_MIMES = Object.keys(UPLOAD_TYPES) as UploadMime[];

/** Photos and scans: what a worker can make with a phone. */
export const UPLOAD_DEFAULT_ACCEPT: UploadMime[] = ["image/jpeg", "image/png", "application/pdf"];

/** No single file above this, whatever a field says (the server reads at most this much of a part). */
export const UPLOAD_MAX_MB = 10;
export const UPLOAD_DEFAULT_MAX_FILES = 5;
export const UPLOAD_MAX_FILES = 20;

export type UploadFieldDef = FieldDefBase & {
  type: "upload";
  accept?: UploadMime[];
  maxFiles?: number;
  maxSizeMb?: number;
  /** Open the phone's camera directly (images only): the back camera for documents, the front for a selfie. */
  capture?: "environment" | "user";
};

/** What the server knows of one uploaded file, for the validator. */
export type UploadedFileFacts = { mime: string; size: number; name: string };

/**
 * Looks up a file the submitting person may use: their own, in this tenant, not attached to
 * another case. Undefined for anything else, so a stranger's file id reads as "not found".
 */
export type FileLookup = (id: string) => UploadedFileFacts | undefined;

export const FILE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uploadAccept(field: UploadFieldDef): UploadMime[] {
  return field.accept ?? UPLOAD_DEFAULT_ACCEPT;
}

export function uploadMaxBytes(field: UploadFieldDef): number {
  return Math.floor((field.maxSizeMb ?? UPLOAD_MAX_MB) * 1024 * 1024);
}

export function mimeLabel(mime: string | undefined, ext?: string): string {
  if (mime && mime in UPLOAD_TYPES) return UPLOAD_TYPES[mime as UploadMime];
  return ext ? ext.toUpperCase() : "";
}

const megabytes = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10);

/**
 * Why one uploaded file does not fit a field, in the given locale; null when it fits.
 * `sniffed` is what the content says it is (undefined when no known signature matched).
 */
export function uploadedFileProblem(
  field: UploadFieldDef,
  file: { mime: string | undefined; ext?: string; size: number; name: string },
  locale: Locale,
): string | null {
  const label = localized(field.label, locale);
  const accept = uploadAccept(field);
  if (!file.mime || !(accept as string[]).includes(file.mime)) {
    const actual = mimeLabel(file.mime, file.ext) || (locale === "en" ? "of unknown type" : "无法识别的类型");
    return formMessage(locale, "fileTypeNotAllowed", { label, types: accept.map((m) => UPLOAD_TYPES[m]).join("/"), name: file.name, actual });
  }
  if (file.size > uploadMaxBytes(field)) {
    return formMessage(locale, "fileTooLarge", { label, max: field.maxSizeMb ?? UPLOAD_MAX_MB, name: file.name, size: megabytes(file.size) });
  }
  if (file.size === 0) return formMessage(locale, "fileEmpty", { label, name: file.name });
  return null;
}

/**
 * The file ids a form's values name in its upload fields (at most a field's worth each, well
 * formed only): what the server loads before validating, and what a case attaches after.
 */
export function fileIdsIn(fields: readonly { key: string; type: string }[], values: unknown): string[] {
  if (typeof values !== "object" || values === null) return [];
  const ids = new Set<string>();
  for (const field of fields) {
    if (field.type !== "upload" || !Object.prototype.hasOwnProperty.call(values, field.key)) continue;
    const value = (values as Record<string, unknown>)[field.key];
    if (!Array.isArray(value)) continue;
    for (const id of value.slice(0, UPLOAD_MAX_FILES)) if (typeof id === "string" && FILE_ID_PATTERN.test(id)) ids.add(id);
  }
  return [...ids];
}

function buildUploadZod(field: UploadFieldDef, ctx: FieldZodContext): z.ZodType {
  const maxFiles = field.maxFiles ?? UPLOAD_DEFAULT_MAX_FILES;
  // Length first, so that 10,000 ids are refused before each one is looked at.
  return z
    .array(z.unknown(), { error: ctx.message("wrongType") })
    .max(maxFiles, ctx.message("tooManyFiles", { max: maxFiles }))
    .pipe(z.array(z.string({ error: ctx.message("wrongType") }).regex(FILE_ID_PATTERN, ctx.message("wrongType"))))
    .refine((ids) => new Set(ids).size === ids.length, ctx.message("duplicateFile"))
    .superRefine((ids, refine) => {
      const files = ctx.files;
      if (!files) return; // in the browser: only the shape can be checked
      for (const id of ids) {
        const facts = files(id);
        const problem = facts ? uploadedFileProblem(field, facts, ctx.locale) : ctx.message("fileNotFound");
        if (problem) {
          refine.addIssue({ code: "custom", message: problem, input: id });
          return;
        }
      }
    });
}

export const uploadField = defineFieldType<UploadFieldDef>({
  type: "upload",
  // Not "stringList": file ids are not cell values (a 明细表 column cannot be an upload yet).
  valueKind: "files",
  emptyValue: [],
  requiredMessage: "requiredUpload",
  props: {
    accept: z.array(z.enum(UPLOAD_MIMES as [UploadMime, ...UploadMime[]])).min(1).max(UPLOAD_MIMES.length).optional(),
    maxFiles: z.number().int().min(1).max(UPLOAD_MAX_FILES).optional(),
    maxSizeMb: z.number().positive().max(UPLOAD_MAX_MB).optional(),
    capture: z.enum(["environment", "user"]).optional(),
  },
  buildZod: buildUploadZod,
  checkDef: (field) => {
    const problems: SchemaProblem[] = [];
    const accept = uploadAccept(field);
    if (new Set(accept).size !== accept.length) problems.push({ path: ["accept"], code: "duplicate_type", message: "文件类型重复 / a file type is listed twice" });
    if (field.capture && !accept.every((m) => m.startsWith("image/"))) {
      problems.push({ path: ["capture"], code: "capture_needs_images", message: "直接拍照只适用于仅接受图片的字段 / capture needs a field that accepts images only" });
    }
    if (field.default !== undefined) problems.push({ path: ["default"], code: "invalid_default", message: "上传字段不能有默认值 / an upload field cannot have a default" });
    return problems;
  },
  display: (value, _field, locale) => {
    const count = Array.isArray(value) ? value.length : 0;
    return locale === "en" ? `${count} file${count === 1 ? "" : "s"}` : `${count} 个文件`;
  },
  hint: { widget: "upload" },
});
