import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/** A yes/no answer; off is an answer, so a missing value is stored as false. */
export type SwitchFieldDef = FieldDefBase & { type: "switch" };

export const switchField = defineFieldType<SwitchFieldDef>({
  type: "switch",
  valueKind: "boolean",
  emptyValue: false,
  props: {},
  buildZod: (_field, ctx) => z.boolean({ error: ctx.message("notBoolean") }),
  isEmpty: (value) => value === undefined || value === null,
  display: (value, _field, locale) => (value === true ? (locale === "en" ? "Yes" : "是") : locale === "en" ? "No" : "否"),
  hint: { widget: "switch" },
});
