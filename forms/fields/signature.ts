import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { checkPngDataUrl, PNG_DATA_URL_PREFIX } from "../pngDataUrl";

/**
 * 手写签名, drawn on the phone's screen and stored with the submission as a PNG data URL.
 * The server reads the bytes (PNG signature, IHDR, IEND) and the size; a JPEG or an .exe
 * labelled image/png is refused.
 */
export type SignatureFieldDef = FieldDefBase & { type: "signature"; maxKb?: number };

export const SIGNATURE_DEFAULT_MAX_KB = 200;
export const SIGNATURE_MAX_KB = 1024;

export const signatureField = defineFieldType<SignatureFieldDef>({
  type: "signature",
  valueKind: "string",
  emptyValue: null,
  requiredMessage: "signatureRequired",
  props: { maxKb: z.number().int().min(1).max(SIGNATURE_MAX_KB).optional() },
  buildZod: (field, ctx) => {
    const maxKb = field.maxKb ?? SIGNATURE_DEFAULT_MAX_KB;
    // A cheap ceiling on the text before any decoding: base64 is 4/3 of the bytes.
    const maxChars = PNG_DATA_URL_PREFIX.length + Math.ceil((maxKb * 1024) / 3) * 4;
    return z
      .string({ error: ctx.message("signatureNotPng") })
      .max(maxChars, ctx.message("signatureTooLarge", { max: maxKb }))
      .transform((s, issueCtx) => {
        const check = checkPngDataUrl(s, maxKb * 1024);
        if (check.ok) return s;
        issueCtx.addIssue({ code: "custom", message: ctx.message(check.problem === "tooLarge" ? "signatureTooLarge" : "signatureNotPng", { max: maxKb }), input: "" });
        return z.NEVER;
      });
  },
  display: (value, _field, locale) => (typeof value === "string" && value !== "" ? (locale === "en" ? "Signed" : "已签名") : ""),
  hint: { widget: "signature", group: true },
});
