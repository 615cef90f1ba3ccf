import { z } from "zod";
import { validateCreditCode } from "../creditCode";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/** 统一社会信用代码 of an employer or organization; stored uppercase. */
export type CreditCodeFieldDef = FieldDefBase & { type: "creditCode" };

export const creditCodeField = defineFieldType<CreditCodeFieldDef>({
  type: "creditCode",
  valueKind: "string",
  emptyValue: null,
  props: {},
  buildZod: (_field, ctx) =>
    z
      .string({ error: ctx.message("wrongType") })
      .max(64, ctx.message("creditCodeShape"))
      .transform((s, issueCtx) => {
        const check = validateCreditCode(s);
        if (check.ok) return check.normalized;
        issueCtx.addIssue({ code: "custom", message: ctx.message(check.problem === "shape" ? "creditCodeShape" : "creditCodeCheck"), input: s });
        return z.NEVER;
      }),
  hint: { widget: "input", inputMode: "text", autoComplete: "off" },
});
