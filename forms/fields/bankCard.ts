import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { luhnValid } from "../luhn";
import { compactText } from "./textValue";

/** 银行卡号: 12–19 digits passing Luhn; typed in groups of four, stored without blanks. */
export type BankCardFieldDef = FieldDefBase & { type: "bankCard" };

export const bankCardField = defineFieldType<BankCardFieldDef>({
  type: "bankCard",
  valueKind: "string",
  emptyValue: null,
  props: {},
  buildZod: (_field, ctx) =>
    compactText(ctx, 32)
      .refine((s) => /^\d{12,19}$/.test(s), ctx.message("bankCardShape"))
      .refine((s) => !/^\d{12,19}$/.test(s) || luhnValid(s), ctx.message("bankCardCheck")),
  hint: { widget: "input", inputMode: "numeric", autoComplete: "cc-number" },
});
