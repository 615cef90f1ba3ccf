import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

export type EmailFieldDef = FieldDefBase & { type: "email" };

export const emailField = defineFieldType<EmailFieldDef>({
  type: "email",
  valueKind: "string",
  emptyValue: null,
  props: {},
  buildZod: (_field, ctx) =>
    z
      .string({ error: ctx.message("wrongType") })
      .max(400, ctx.message("tooLong", { max: 254 }))
      .transform((s) => s.trim())
      .pipe(z.email({ error: ctx.message("email") }).max(254, ctx.message("tooLong", { max: 254 }))),
  hint: { widget: "input", inputMode: "email", autoComplete: "email" },
});
