import type { CompiledField } from "../../../forms/compileForm";
import type { LocalizedText } from "../../../forms/messages";
import type { FormSchema } from "../../../forms/schema";

export type Section = { id: string | null; title: LocalizedText | null; fields: CompiledField[] };

/**
 * Fields by page, in page order (the renderer shows one page at a time, read-only views all); fields without
 * a page go on the first one. A form without pages is one untitled section.
 */
export function sectionsOf(schema: FormSchema, fields: CompiledField[]): Section[] {
  const pages = schema.pages ?? [];
  if (pages.length === 0) return [{ id: null, title: null, fields }];
  return pages.map((page, i) => ({
    id: page.id,
    title: page.title,
    fields: fields.filter((f) => f.def.page === page.id || (i === 0 && (f.def.page === undefined || !pages.some((p) => p.id === f.def.page)))),
  }));
}
