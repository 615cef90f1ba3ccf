import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import type { MessageKey } from "../messages";
import { normalizeIdNumber, validateIdNumber, type IdNumberProblem } from "../idNumber";
import { maskMiddle } from "../maskMiddle";

/** 居民身份证号 (18 characters); stored uppercase. */
export type IdNumberFieldDef = FieldDefBase & { type: "idNumber" };

const PROBLEM_MESSAGES: Record<IdNumberProblem, MessageKey> = {
  length: "idNumberLength",
  chars: "idNumberChars",
  region: "idNumberRegion",
  birthDate: "idNumberBirthDate",
  checkDigit: "idNumberCheckDigit",
};

export const idNumberField = defineFieldType<IdNumberFieldDef>({
  type: "idNumber",
  valueKind: "string",
  emptyValue: null,
  props: {},
  buildZod: (_field, ctx) =>
    z
      .string({ error: ctx.message("wrongType") })
      .max(64, ctx.message("idNumberLength"))
      .transform((s, issueCtx) => {
        const check = validateIdNumber(s, ctx.now);
        if (check.ok) return check.normalized;
        issueCtx.addIssue({ code: "custom", message: ctx.message(PROBLEM_MESSAGES[check.problem]), input: s });
        return z.NEVER;
      }),
  // 3502**********1234: the region's first four and the last four stay readable.
  sensitive: {
    mask: (value) => maskMiddle(value, 4, 4),
    normalizeQuery: (word) => {
      const id = normalizeIdNumber(word);
      return /^\d{17}[\dX]$/.test(id) ? id : null;
    },
  },
  hint: { widget: "input", inputMode: "text", autoComplete: "off" },
});
