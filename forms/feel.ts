import { evaluate, parseExpression, unaryTest } from "feelin";
import { sharedRegistry } from "./registry";
import { feelBuiltins } from "./feelBuiltins";

/** Result of evaluating an admin-written FEEL expression; never throws. */
export type FeelResult =
  | { ok: true; value: unknown; warnings: string[] }
  | { ok: false; error: { message: string; from: number; to: number } };

export type FeelContext = Record<string, unknown>;

/** A function FEEL expressions can call, e.g. `xm_distanceSubsidy(出发省份)`; arguments arrive positionally. */
export type FeelFunction = (...args: never[]) => unknown;

/** Plugins add FEEL functions through this registry; duplicate names throw. */
export const feelFunctionRegistry = sharedRegistry<FeelFunction>({ id: "feelFunction", zh: "FEEL 函数", en: "FEEL function" });

export function registerFeelFunction(name: string, fn: FeelFunction, owner?: string): void {
  feelFunctionRegistry.register(name, fn, owner);
}

/** Registered functions are context entries: feelin calls a JavaScript function found in the context. */
function withFunctions(context: FeelContext): FeelContext {
  const names = feelFunctionRegistry.keys();
  const ctx: FeelContext = { ...feelBuiltins };
  for (const name of names) ctx[name] = feelFunctionRegistry.get(name);
  return Object.assign(ctx, context);
}

const namesCache = new Map<string, Set<string> | null>();
const SIMPLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Every name an expression spells (variables, callees, path steps); null if it does not parse. */
function spelledNames(expression: string): Set<string> | null {
  let names = namesCache.get(expression);
  if (names === undefined) {
    names = new Set<string>();
    try {
      const cursor = parseExpression(expression, {}, undefined).cursor();
      do {
        if (cursor.type.name === "VariableName" || cursor.type.name === "Name") names.add(expression.slice(cursor.from, cursor.to));
      } while (cursor.next());
    } catch {
      names = null;
    }
    if (namesCache.size > 5000) namesCache.clear();
    namesCache.set(expression, names);
  }
  return names;
}

/**
 * feelin resolves names against the whole context, so its cost grows with the context: a
 * 200-field form made every condition cost ~2 ms. When every key is a plain identifier (form
 * keys always are), only the entries the expression spells are passed; the result is the same.
 */
function narrowed(expression: string, ctx: FeelContext): FeelContext {
  const names = spelledNames(expression);
  if (!names || !Object.keys(ctx).every((k) => SIMPLE_NAME.test(k) || k === "?")) return ctx;
  const out: FeelContext = {};
  for (const name of names) if (Object.prototype.hasOwnProperty.call(ctx, name)) out[name] = ctx[name];
  if (Object.prototype.hasOwnProperty.call(ctx, "?")) out["?"] = ctx["?"];
  return out;
}

function run(mode: "expression" | "unaryTest", expression: string, context: FeelContext): FeelResult {
  try {
    const ctx = narrowed(expression, withFunctions(context));
    const result = mode === "expression" ? evaluate(expression, ctx) : unaryTest(expression, ctx);
    return { ok: true, value: result.value, warnings: result.warnings.map((w) => w.message) };
  } catch (err) {
    const e = err as { message?: string; position?: { from: number; to: number } };
    return {
      ok: false,
      error: { message: e.message ?? String(err), from: e.position?.from ?? 0, to: e.position?.to ?? 0 },
    };
  }
}

/** Evaluate a FEEL expression (e.g. `家庭总收入 / 家庭人口`) over form data and case variables. */
export function evaluateFeel(expression: string, context: FeelContext = {}): FeelResult {
  return run("expression", expression, context);
}

/** Evaluate a FEEL unary test (e.g. `> 2000`) against `value`. */
export function testFeel(test: string, value: unknown, context: FeelContext = {}): FeelResult {
  return run("unaryTest", test, { ...context, "?": value });
}

/** A FEEL condition is true only when it evaluates to boolean true; errors and null are false. */
export function feelIsTrue(expression: string, context: FeelContext = {}): boolean {
  const r = evaluateFeel(expression, context);
  return r.ok && r.value === true;
}

export type FeelSyntaxProblem = { message: string; from: number; to: number };

/** Syntax errors in an expression, without evaluating it (for publish-time checks). */
export function feelSyntaxProblem(expression: string): FeelSyntaxProblem | null {
  if (expression.trim() === "") return { message: "empty expression", from: 0, to: 0 };
  try {
    const cursor = parseExpression(expression, {}, undefined).cursor();
    do {
      if (cursor.type.isError) return { message: `syntax error at ${cursor.from}`, from: cursor.from, to: cursor.to };
    } while (cursor.next());
    return null;
  } catch (err) {
    return { message: (err as Error).message ?? String(err), from: 0, to: expression.length };
  }
}

/**
 * Free variable names an expression reads, in order of appearance: called functions and
 * names the expression binds itself (`for x in`, `some x in`, filter `item`, parameters) are left out.
 */
export function feelReferencedNames(expression: string): string[] {
  const names: string[] = [];
  const bound = new Set<string>(["item"]);
  try {
    const cursor = parseExpression(expression, {}, undefined).cursor();
    do {
      const node = cursor.node;
      const text = expression.slice(cursor.from, cursor.to);
      if (cursor.type.name === "Name") bound.add(text);
      if (cursor.type.name !== "VariableName") continue;
      const parent = node.parent;
      const isCallee = parent?.type.name === "FunctionInvocation" && parent.firstChild?.from === node.from;
      if (!isCallee && !names.includes(text)) names.push(text);
    } while (cursor.next());
  } catch {
    return [];
  }
  return names.filter((n) => !bound.has(n));
}

/** The names an expression calls as functions (`sum`, `ageFromId`, `xiamen_medical_aid`), in order of appearance. */
export function feelCalledNames(expression: string): string[] {
  const names: string[] = [];
  try {
    const cursor = parseExpression(expression, {}, undefined).cursor();
    do {
      if (cursor.type.name !== "VariableName") continue;
      const node = cursor.node;
      const parent = node.parent;
      const text = expression.slice(cursor.from, cursor.to);
      if (parent?.type.name === "FunctionInvocation" && parent.firstChild?.from === node.from && !names.includes(text)) names.push(text);
    } while (cursor.next());
  } catch {
    return [];
  }
  return names;
}

/**
 * Whether FEEL can call a function of this name: one of FEEL's own (sum, string length, date…),
 * ours (feelBuiltins) or one a plugin registered. A misspelt name would otherwise just give null.
 */
export function feelFunctionExists(name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(feelBuiltins, name) || feelFunctionRegistry.has(name)) return true;
  try {
    return !evaluate(name, {}).warnings.some((w) => w.type === "NO_VARIABLE_FOUND");
  } catch {
    return false;
  }
}
