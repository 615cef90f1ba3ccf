import { bilingualProblem, type BilingualProblem } from "../../../forms/bilingualProblem";
import { parseFormSchema, type FormSchema } from "../../../forms/schema";
import type { DraftForm } from "./designerModel";

/** A form problem placed on the field it belongs to (`fieldIndex`), with the path inside that field. */
export type DesignerProblem = BilingualProblem & { fieldIndex: number | null; subPath: string };

export type DesignerCheck = { schema: FormSchema | null; problems: DesignerProblem[] };

/** Check the form exactly as saving and publishing will; problems are tied to their fields. */
export function checkDraftForm(form: DraftForm | unknown): DesignerCheck {
  const parsed = parseFormSchema(form);
  if (parsed.ok) return { schema: parsed.schema, problems: [] };
  return {
    schema: null,
    problems: parsed.problems.map((p) => {
      const match = /^fields\.(\d+)(?:\.(.*))?$/.exec(p.path);
      return { ...bilingualProblem(p), fieldIndex: match ? Number(match[1]) : null, subPath: match?.[2] ?? "" };
    }),
  };
}
