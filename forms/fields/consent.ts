import { z } from "zod";
import { localizedLongTextSchema, type FieldDefBase, type LocalizedText } from "../fieldDef";
import { consentTextHash } from "../consentHash";
import { defineFieldType } from "../fieldType";

/**
 * A declaration the applicant must accept (入会声明, 隐私告知). The stored value records which
 * version of the text was accepted and the text's SHA-256, so a later edit of the text never
 * rewrites past consent and the exact words can be proven from the pinned form version.
 */
export type ConsentFieldDef = FieldDefBase & { type: "consent"; text: LocalizedText; version: string };

export type ConsentValue = { accepted: true; version: string; textHash: string };

export const consentField = defineFieldType<ConsentFieldDef>({
  type: "consent",
  valueKind: "consent",
  emptyValue: null,
  alwaysRequired: true,
  props: {
    text: localizedLongTextSchema,
    version: z.string().trim().min(1).max(64),
  },
  // Unticked counts as empty, which makes it a "required" error rather than a type error.
  isEmpty: (value) =>
    value === undefined || value === null || value === false ||
    (typeof value === "object" && !Array.isArray(value) && (value as { accepted?: unknown }).accepted === false),
  buildZod: (field, ctx) => {
    const textHash = consentTextHash(field.text);
    return z
      .union(
        [z.literal(true), z.strictObject({ accepted: z.literal(true), version: z.string().max(64).optional(), textHash: z.string().max(80).optional() })],
        { error: ctx.message("consentRequired") },
      )
      // A browser that showed another version or another text must show the current one first.
      .refine((v) => v === true || ((v.version === undefined || v.version === field.version) && (v.textHash === undefined || v.textHash === textHash)), ctx.message("consentVersion"))
      .transform((): ConsentValue => ({ accepted: true, version: field.version, textHash }));
  },
  display: (value, field, locale) => {
    const accepted = typeof value === "object" && value !== null && (value as { accepted?: unknown }).accepted === true;
    const version = accepted ? String((value as { version?: unknown }).version ?? field.version) : "";
    if (locale === "en") return accepted ? `Accepted (version ${version})` : "Not accepted";
    return accepted ? `已同意（版本 ${version}）` : "未同意";
  },
  hint: { widget: "consent" },
});
