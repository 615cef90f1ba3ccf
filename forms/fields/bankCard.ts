import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { luhnValid } from "../luhn";
import { maskMiddle } from "../maskMiddle";
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
  // First six (the issuing bank) and last four, as banks print them.
  sensitive: {
    mask: (value) => maskMiddle(value, 6, 4),
    normalizeQuery: (word) => {
      const digits = word.replace(/[\s-]/g, "");
      return /^\d{12,19}$/.test(digits) ? digits : null;
    },
  },
  hint: { widget: "input", inputMode: "numeric", autoComplete: "cc-number" },
});
