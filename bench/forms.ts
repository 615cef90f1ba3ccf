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
import { bigForm } from "./bigForm";

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
  console.log(`SSR renderToString (first 24):   ${fmt(time(() => renderToString(createElement(FormRenderer, { schema, locale: "zh", onValidSubmit: () => undefined, defaultValues: input })), 10, 2))}`);
  try {
    console.log(`happy-dom (390×844, first 24):  ${await mountInHappyDom(schema)}`);
  } catch (err) {
    console.log(`happy-dom mount: not measured (${(err as Error).message})`);
  }
}

void main();
