import type { z } from "zod";
import { fieldMessageContext } from "./fieldMessageContext";
import { getFieldType } from "./fieldRegistry";
import { isBlank, type FieldType } from "./fieldType";
import type { FileLookup } from "./fields/upload";
import type { ApproverCandidates } from "./fields/approverPicker";
import type { Locale } from "./messages";
import type { FieldDef, FormSchema } from "./schema";

export type CompiledField = {
  def: FieldDef;
  fieldType: FieldType;
  /** Validates a non-empty value; built once per form and locale. */
  valueSchema: z.ZodType | null;
  /** The group heading this field sits under (hiding the group hides it). */
  groupKey: string | null;
  isEmpty: (value: unknown) => boolean;
  /** What FEEL sees for a value that does not validate. */
  feelValue: (raw: unknown) => unknown;
};

export type CompiledForm = { schema: FormSchema; locale: Locale; now: () => Date; fields: CompiledField[] };

export type CompileOptions = { locale: Locale; now?: Date; files?: FileLookup; people?: ApproverCandidates };

/**
 * Resolve each field's type and build its value validator once, so that revalidating on
 * every keystroke does not rebuild zod schemas. A field of an unregistered type is an error
 * here: forms are parsed (and their types checked) before they are published.
 */
export function compileForm(schema: FormSchema, options: CompileOptions): CompiledForm {
  const fixedNow = options.now;
  const buildNow = fixedNow ?? new Date();
  let groupKey: string | null = null;
  let page: string | undefined;
  const fields = schema.fields.map((def): CompiledField => {
    const fieldType = getFieldType(def.type);
    if (!fieldType) throw new Error(`未注册的字段类型 / unregistered field type "${def.type}" (field "${def.key}")`);
    if (fieldType.hint.widget === "group") groupKey = def.key;
    else if (def.page !== page) groupKey = null; // a section never spans pages
    page = def.page;
    const hasValue = fieldType.valueKind !== "none";
    const ctx = { ...fieldMessageContext(def, options.locale, buildNow), files: options.files, people: options.people };
    return {
      def,
      fieldType,
      valueSchema: hasValue ? fieldType.buildZod(def, ctx) : null,
      feelValue: fieldType.buildFeelValue?.(def, ctx) ?? (() => null),
      groupKey: fieldType.hint.widget === "group" ? null : groupKey,
      isEmpty: fieldType.isEmpty ? (value) => fieldType.isEmpty!(value, def) : isBlank,
    };
  });
  return { schema, locale: options.locale, now: () => fixedNow ?? new Date(), fields };
}
