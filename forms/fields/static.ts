import { z } from "zod";
import { localizedLongTextSchema, type FieldDefBase, type LocalizedText } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/** Explanatory text (a small Markdown subset) shown in the form; stores nothing. */
export type StaticFieldDef = FieldDefBase & { type: "static"; content: LocalizedText };

export const staticField = defineFieldType<StaticFieldDef>({
  type: "static",
  valueKind: "none",
  emptyValue: null,
  props: { content: localizedLongTextSchema },
  buildZod: () => z.never(),
  hint: { widget: "static" },
});
