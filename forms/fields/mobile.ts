import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";
import { maskMiddle } from "../maskMiddle";
import { compactText } from "./textValue";

/** 中国大陆手机号; spaces, dashes and a +86 prefix are dropped before checking. */
export type MobileFieldDef = FieldDefBase & { type: "mobile" };

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export const mobileField = defineFieldType<MobileFieldDef>({
  type: "mobile",
  valueKind: "string",
  emptyValue: null,
  props: {},
  buildZod: (_field, ctx) =>
    compactText(ctx, 20)
      .transform((s) => s.replace(/^(\+86|0086)/, ""))
      .refine((s) => MOBILE_PATTERN.test(s), ctx.message("mobile")),
  sensitive: {
    mask: (value) => maskMiddle(value, 3, 4),
    normalizeQuery: (word) => {
      const digits = word.replace(/[\s-]/g, "").replace(/^(\+86|0086)/, "");
      return MOBILE_PATTERN.test(digits) ? digits : null;
    },
  },
  hint: { widget: "input", inputMode: "tel", autoComplete: "tel-national" },
});
