// bpmnlint ships CommonJS without declarations for its rule files; this is the part the lint module uses.
declare module "bpmnlint" {
  export type LintReport = { id?: string; message: string; category: "error" | "warn" | "info" | "rule-error"; path?: string[] };
  export type RuleFactory = (options?: unknown) => unknown;
  export type LintConfig = { rules: Record<string, string | number | [string | number, unknown]> };
  export class Linter {
    constructor(options: { config?: LintConfig; resolver: { resolveRule(pkg: string, name: string): RuleFactory; resolveConfig(pkg: string, name: string): LintConfig } });
    lint(root: unknown, config?: LintConfig): Promise<Record<string, LintReport[]>>;
  }
}

declare module "bpmnlint/rules/*" {
  const factory: import("bpmnlint").RuleFactory;
  export default factory;
}
