/**
 * Form benchmarks (prints figures; not a test): a 200-field form (every simple type, conditions,
 * computed fields, a 20-row 明细表) — parse, build the validator, validate a full submission (what
 * the server does on submit), re-evaluate conditions (what the browser does per keystroke), render
 * it to HTML (react-dom/server, as Remix does), and mount it in happy-dom.
 *   npm run bench:forms
 */
import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { FormRenderer } from "../app/components/forms/FormRenderer";
import { buildValidator } from "../forms/buildValidator";
import { compileForm } from "../forms/compileForm";
import { evaluateFormState } from "../forms/formState";
import { parseFormSchema, type FormSchema } from "../forms/schema";
import { validateSubmission } from "../forms/validateSubmission";

const label = (zh: string) => ({ zh, en: "" });
const options = Array.from({ length: 8 }, (_, i) => ({ value: `o${i}`, label: label(`选项${i}`) }));

/** 200 fields: 10 sections of 19 value fields, a table and a few computed fields. */
function bigForm(): { json: unknown; input: Record<string, unknown> } {
  const fields: Record<string, unknown>[] = [];
  const input: Record<string, unknown> = {};
  const kinds: [string, Record<string, unknown>, unknown][] = [
    ["text", { maxLength: 50 }, "孙丽"],
    ["textarea", {}, "家中老人生病，需要照顾"],
    ["number", { integer: true, min: 0, max: 100 }, 3],
    ["money", { max: 100000 }, 1234.5],
    ["date", { max: "today" }, "1990-02-28"],
    ["select", { options }, "o3"],
    ["radio", { options: options.slice(0, 3) }, "o1"],
    ["checkbox", { options }, ["o1", "o2"]],
    ["switch", {}, true],
    ["idNumber", {}, "11010519491231002X"],
    ["mobile", {}, "13900000003"],
    ["email", {}, "sun.li@example.com"],
    ["bankCard", {}, "4111111111111111"],
    ["creditCode", {}, "91350100M000100Y43"],
    ["dateRange", {}, { start: "2026-07-01", end: "2026-08-31" }],
    ["address", {}, "枋湖北二路88号"],
    ["region", {}, { codes: ["35", "3502", "350206"] }],
    ["text", { hiddenIf: "false" }, "条件字段"],
    ["number", { requiredIf: "true" }, 7],
  ];
  for (let section = 0; section < 10; section++) {
    fields.push({ key: `g${section}`, type: "group", label: label(`第${section + 1}部分`) });
    kinds.forEach(([type, extra, value], i) => {
      const key = `f${section}_${i}`;
      fields.push({ key, type, label: label(`字段${section + 1}-${i + 1}`), ...extra });
      input[key] = value;
    });
  }
  fields.push({
    key: "members", type: "table", label: label("家庭成员"), maxRows: 50,
    columns: [
      { key: "name", type: "text", label: label("姓名"), required: true },
      { key: "age", type: "number", label: label("年龄"), integer: true },
      { key: "income", type: "money", label: label("月收入"), default: 0 },
    ],
  });
  input.members = Array.from({ length: 20 }, (_, i) => ({ name: `成员${i}`, age: 30 + i, income: 1000 + i }));
  fields.push({ key: "total", type: "computed", label: label("家庭总收入"), expression: "sum(members.income)", format: "money" });
  fields.push({ key: "size", type: "computed", label: label("家庭人口"), expression: "count(members)" });
  fields.push({ key: "perCapita", type: "computed", label: label("人均"), expression: "total / size", format: "money" });
  while (fields.length < 200) {
    const key = `extra${fields.length}`;
    fields.push({ key, type: "text", label: label(`补充${fields.length}`) });
    input[key] = "补充";
  }
  return { json: { schemaVersion: 1, id: "bench-200", title: label("200 个字段"), fields, rules: [{ assert: "perCapita <= 100000", message: label("人均过高") }] }, input };
}

/** Median and p95 of `runs` timings of `fn`, in ms, after `warm` warm-up runs. */
function time(fn: () => void, runs: number, warm = 3): { median: number; p95: number } {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)] };
}

const fmt = ({ median, p95 }: { median: number; p95: number }) => `median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`;

async function mountInHappyDom(schema: FormSchema): Promise<string> {
  const { Window } = await import("happy-dom");
  const window = new Window({ url: "http://localhost/", width: 390, height: 844 });
  const g = globalThis as Record<string, unknown>;
  for (const name of ["window", "document", "navigator", "HTMLElement", "Element", "Node", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame", "MutationObserver", "ResizeObserver", "matchMedia", "Event", "KeyboardEvent", "MouseEvent", "CustomEvent", "DocumentFragment", "SVGElement", "HTMLInputElement", "ShadowRoot", "Text", "HTMLTextAreaElement", "HTMLSelectElement", "HTMLIFrameElement", "Document", "getSelection", "CSSStyleDeclaration", "InputEvent", "FocusEvent", "PointerEvent", "TouchEvent", "DOMRect", "HTMLCanvasElement", "Image", "location", "history", "self", "customElements", "Range"]) {
    const value = (window as unknown as Record<string, unknown>)[name];
    g[name] = typeof value === "function" && !/^[A-Z]/.test(name) ? (value as (...a: unknown[]) => unknown).bind(window) : value;
  }
  g.IS_REACT_ACT_ENVIRONMENT = true;
  const { act } = await import("react");
  const { createRoot } = await import("react-dom/client");
  const container = window.document.createElement("div");
  window.document.body.appendChild(container);
  const root = createRoot(container as unknown as HTMLElement);
  const start = performance.now();
  await act(async () => root.render(createElement(FormRenderer, { schema, locale: "zh", onValidSubmit: () => undefined })));
  const mount = performance.now() - start;
  await act(async () => root.unmount());
  await window.happyDOM.close();
  return `first mount ${mount.toFixed(0)} ms`;
}

async function main() {
  const { json, input } = bigForm();
  const parsed = parseFormSchema(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  const schema = parsed.schema;
  console.log(`form: ${schema.fields.length} fields, a 20-row 明细表, conditions, computed fields, a rule`);
  console.log(`parse + meaning checks:          ${fmt(time(() => parseFormSchema(json), 20))}`);
  console.log(`compile (zod per field):         ${fmt(time(() => compileForm(schema, { locale: "zh" }), 20))}`);
  const check = validateSubmission(schema, input, { locale: "zh" });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  console.log(`server: validate a submission:   ${fmt(time(() => validateSubmission(schema, input, { locale: "zh" }), 30))}  (build + validate, as on each POST)`);
  const validator = buildValidator(schema, { locale: "zh" });
  console.log(`browser: revalidate (built once): ${fmt(time(() => validator.safeParse(input), 30))}`);
  const compiled = compileForm(schema, { locale: "zh" });
  console.log(`browser: conditions + computed:  ${fmt(time(() => evaluateFormState(compiled, input), 50))}  (per keystroke)`);
  console.log(`SSR renderToString:              ${fmt(time(() => renderToString(createElement(FormRenderer, { schema, locale: "zh", onValidSubmit: () => undefined, defaultValues: input })), 10, 2))}`);
  try {
    console.log(`happy-dom (390×844):             ${await mountInHappyDom(schema)}`);
  } catch (err) {
    console.log(`happy-dom mount: not measured (${(err as Error).message})`);
  }
}

void main();
