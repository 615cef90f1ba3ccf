import BpmnModdle, { type ModdleElement } from "bpmn-moddle";
import { Linter, type LintReport } from "bpmnlint";
import { compileBpmn } from "../compile";
import niangjiaDescriptor from "../moddle/niangjia.json";
import type { FlowDefinition, Problem } from "../types";
import { bpmnlintConfig, bpmnlintResolver } from "./bpmnlintConfig";
import { translateLintMessage } from "./bpmnlintMessages";

/** One line of the modeler's problems panel, from our compiler or from bpmnlint (code `bpmnlint/<rule>`). */
export type FlowProblem = Problem & {
  /** Stable within one lint run, for list keys. */
  key: string;
  severity: "error" | "warning";
  source: "niangjia" | "bpmnlint";
};

export type FlowLint = {
  problems: FlowProblem[];
  errorCount: number;
  warningCount: number;
  /** The compiled definition when the compiler accepted the flow (bpmnlint errors may still block publishing). */
  definition: FlowDefinition | null;
};

/**
 * bpmnlint rules that say what our compiler already said: the bpmnlint line is dropped when the
 * compiler reported one of these codes (on the same element unless `anyElement`).
 */
const overlaps: Record<string, { codes: string[]; anyElement?: boolean }> = {
  "conditional-flows": { codes: ["gateway.condition"], anyElement: true },
  "start-event-required": { codes: ["start.count"], anyElement: true },
  "single-blank-start-event": { codes: ["start.count"], anyElement: true },
  "end-event-required": { codes: ["end.missing"], anyElement: true },
  "no-implicit-split": { codes: ["node.implicitSplit"] },
  "no-complex-gateway": { codes: ["element.unsupported"] },
  "no-inclusive-gateway": { codes: ["element.unsupported"] },
  "event-based-gateway": { codes: ["element.unsupported"] },
  "no-disconnected": { codes: ["node.unreachable", "node.deadEnd"] },
  "no-implicit-end": { codes: ["node.deadEnd"] },
  "no-implicit-start": { codes: ["node.unreachable"] },
};

type Named = { type: string; name: string };

/** Every element with an id in the model, for naming what a bpmnlint report points at. */
function indexElements(root: ModdleElement): Map<string, Named> {
  const index = new Map<string, Named>();
  const seen = new Set<unknown>();
  const visit = (el: unknown) => {
    if (!el || typeof el !== "object" || seen.has(el)) return;
    seen.add(el);
    const e = el as ModdleElement & Record<string, unknown>;
    if (typeof e.$type === "string" && typeof e.id === "string" && !index.has(e.id)) index.set(e.id, { type: e.$type, name: typeof e.name === "string" ? e.name : "" });
    for (const key of ["rootElements", "flowElements", "artifacts", "laneSets", "lanes", "participants", "messageFlows"]) {
      const children = e[key];
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  visit(root);
  return index;
}

async function parse(xml: string): Promise<ModdleElement | null> {
  if (typeof xml !== "string" || !xml.trim()) return null;
  try {
    return (await new BpmnModdle({ niangjia: niangjiaDescriptor }).fromXML(xml)).rootElement;
  } catch {
    return null; // the compiler reports unreadable XML
  }
}

async function bpmnlintProblems(root: ModdleElement, index: Map<string, Named>): Promise<FlowProblem[]> {
  // Some rules assume a definitions element with root elements; the compiler reports anything else.
  if (root?.$type !== "bpmn:Definitions" || !Array.isArray((root as Record<string, unknown>).rootElements)) return [];
  const linter = new Linter({ config: bpmnlintConfig, resolver: bpmnlintResolver });
  let results: Record<string, LintReport[]>;
  try {
    results = await linter.lint(root);
  } catch {
    return [];
  }
  const problems: FlowProblem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === "rule-error" || report.category === "info") continue;
      const el = index.get(report.id ?? "");
      const { message, hint } = translateLintMessage(report.message);
      problems.push({
        key: "",
        severity: report.category === "error" ? "error" : "warning",
        source: "bpmnlint",
        code: `bpmnlint/${rule}`,
        elementId: report.id ?? "",
        elementType: el?.type ?? "",
        name: el?.name ?? "",
        message,
        hint,
      });
    }
  }
  return problems;
}

/** The compiler names some elements generically (a "bpmn:FlowNode", a default name); use what the diagram says. */
function fromCompiler(p: Problem, severity: FlowProblem["severity"], index: Map<string, Named>): FlowProblem {
  const el = index.get(p.elementId);
  return { key: "", severity, source: "niangjia", code: p.code, elementId: p.elementId, elementType: el?.type ?? p.elementType, name: el ? el.name : p.name, message: p.message, hint: p.hint };
}

/** Drop bpmnlint lines that repeat a compiler problem, and exact duplicates. */
function merge(compiler: FlowProblem[], lint: FlowProblem[]): FlowProblem[] {
  const kept = lint.filter((l) => {
    const overlap = overlaps[l.code.slice("bpmnlint/".length)];
    if (!overlap) return true;
    return !compiler.some((c) => overlap.codes.includes(c.code) && (overlap.anyElement || c.elementId === l.elementId));
  });
  const seen = new Set<string>();
  const all: FlowProblem[] = [];
  for (const p of [...compiler, ...kept]) {
    const id = `${p.code}|${p.elementId}|${p.message.en}`;
    if (seen.has(id)) continue;
    seen.add(id);
    all.push(p);
  }
  const rank = (p: FlowProblem) => (p.severity === "error" ? 0 : 1);
  return all
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }, i) => ({ ...p, key: `${i}:${p.code}:${p.elementId}` }));
}

/**
 * Everything the problems panel lists for a BPMN document: our compiler's refusals (what the
 * engine cannot run) and warnings, plus bpmnlint's recommended rules, in Chinese and English.
 * Pure and isomorphic (the modeler runs it in the browser after each edit, the server on save
 * and publish). Never throws.
 */
export async function lintFlow(xml: string): Promise<FlowLint> {
  const compiled = await compileBpmn(xml);
  const root = await parse(xml);
  const index = root ? indexElements(root) : new Map<string, Named>();
  const compiler = [...(compiled.ok ? [] : compiled.problems.map((p) => fromCompiler(p, "error", index))), ...compiled.warnings.map((w) => fromCompiler(w, "warning", index))];
  const lint = root ? await bpmnlintProblems(root, index) : [];
  const problems = merge(compiler, lint);
  const errorCount = problems.filter((p) => p.severity === "error").length;
  return { problems, errorCount, warningCount: problems.length - errorCount, definition: compiled.ok ? compiled.definition : null };
}
