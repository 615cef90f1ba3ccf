import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType } from "../fieldType";

/**
 * A section heading. The fields after it, up to the next group, belong to it: hiding the
 * group hides them too. Stores nothing.
 */
export type GroupFieldDef = FieldDefBase & { type: "group" };

export const groupField = defineFieldType<GroupFieldDef>({
  type: "group",
  valueKind: "none",
  emptyValue: null,
  props: {},
  buildZod: () => z.never(),
  hint: { widget: "group" },
});
