/**
 * Form designer benchmarks (prints figures; not a test): on a 200-field form, what one edit costs
 * the designer — the reducer step and the full check run after every change (parseFormSchema, the
 * same check as save and publish, run on a deferred value) — and what the live preview costs: once
 * per form version (validator + compiled form) and per keystroke (validate + form state).
 *   npx tsx bench/designer.ts
 */
import { performance } from "node:perf_hooks";
import { buildValidator } from "../forms/buildValidator";
import { compileForm } from "../forms/compileForm";
import { getFieldType, listFieldTypes } from "../forms/fieldRegistry";
import { newFieldDef } from "../forms/fieldPalette";
import { evaluateFormState } from "../forms/formState";
import type { FormSchema } from "../forms/schema";
import { designerReducer, initDesigner, type DraftField, type DraftForm } from "../app/components/designer/designerModel";
import { checkDraftForm } from "../app/components/designer/problems";

function form200(): DraftForm {
  const types = listFieldTypes();
  const fields: DraftField[] = [];
  const taken = new Set<string>();
  for (let i = 0; fields.length < 200; i++) {
    const field = newFieldDef(types[i % types.length], taken) as DraftField;
    taken.add(field.key);
    // Every fourth field is hidden by a condition on one of the first ten value fields (no long chains).
    const sources = fields.filter((f) => !["none", "computed"].includes(getFieldType(f.type)?.valueKind ?? "none")).slice(0, 10);
    if (i % 4 === 3 && sources.length > 0) field.hiddenIf = `${sources[i % sources.length].key} = null`;
    fields.push(field);
  }
  return { schemaVersion: 1, id: "bench", title: { zh: "二百个字段", en: "Two hundred fields" }, fields };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, fn: () => void): { median: number; max: number } {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), max: Math.max(...samples) };
}

const form = form200();
let state = initDesigner(form);
const id = state.present.ids[100];
let n = 0;
const edit = time(200, () => {
  state = designerReducer(state, { type: "updateField", id, patch: { label: { zh: `标签${n++}`, en: "" } }, tag: "label", at: n * 2000 });
});
const check = time(30, () => checkDraftForm(state.present.form));
const checked = checkDraftForm(form);
if (!checked.schema) throw new Error(`bench form is invalid: ${JSON.stringify(checked.problems.slice(0, 3))}`);
const valid: FormSchema = checked.schema;
const build = time(10, () => {
  buildValidator(valid, { locale: "zh" });
  compileForm(valid, { locale: "zh" });
});
const validator = buildValidator(valid, { locale: "zh" });
const compiled = compileForm(valid, { locale: "zh" });
const keystroke = time(30, () => {
  validator.safeParse({ [valid.fields[0].key]: `x${n++}` });
  evaluateFormState(compiled, {});
});

const fmt = (r: { median: number; max: number }) => `median ${r.median.toFixed(2)} ms, max ${r.max.toFixed(2)} ms`;
console.log(`200-field form (${listFieldTypes().length} field types, ${form.fields.filter((f) => f.hiddenIf).length} conditions)`);
console.log(`  reducer step (one property edit): ${fmt(edit)}`);
console.log(`  full check after an edit (parseFormSchema): ${fmt(check)}`);
console.log(`  preview, once per form version (validator + compiled form): ${fmt(build)}`);
console.log(`  preview, per keystroke (validate + form state): ${fmt(keystroke)}`);
console.log(`  undo history kept: ${state.past.length} steps (limit 200)`);
