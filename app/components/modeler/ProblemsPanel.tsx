import { Tag } from "antd";
import type { Locale } from "~/i18n/messages";
import type { FlowProblem } from "../../../workflows/lint/lintFlow";
import { elementTypeName, modelerText } from "./modelerText";

type Props = {
  problems: FlowProblem[];
  checking: boolean;
  locale: Locale;
  /** Select and scroll to the element a problem is about. */
  onSelect: (elementId: string) => void;
};

/** Lint results (our compiler + bpmnlint) under the canvas; each line selects its element. */
export function ProblemsPanel({ problems, checking, locale, onSelect }: Props) {
  const t = (key: Parameters<typeof modelerText>[1], params?: Record<string, string | number>) => modelerText(locale, key, params);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <section className="nj-problems" aria-label={t("problems")} data-testid="problems-panel">
      <header className="nj-problems-head">
        <strong>{t("problems")}</strong>
        {errors > 0 && <Tag color="error">{t("errors", { count: errors })}</Tag>}
        {warnings > 0 && <Tag color="warning">{t("warnings", { count: warnings })}</Tag>}
        {checking && <span className="nj-muted">{t("checking")}</span>}
      </header>
      {problems.length === 0 ? (
        <p className="nj-problems-none">{checking ? "" : t("noProblems")}</p>
      ) : (
        <ul className="nj-problems-list">
          {problems.map((p) => {
            const label = p.name || p.elementId;
            const where = p.elementId ? `${elementTypeName(locale, p.elementType)}${locale === "en" ? ` "${label}"` : `「${label}」`}` : t("wholeFlow");
            return (
              <li key={p.key}>
                <button type="button" className={`nj-problem nj-problem-${p.severity}`} onClick={() => p.elementId && onSelect(p.elementId)} title={p.elementId ? t("problemHint") : undefined} data-element-id={p.elementId} data-code={p.code}>
                  <Tag color={p.severity === "error" ? "error" : "warning"}>{t(p.severity)}</Tag>
                  <span className="nj-problem-where">{where}</span>
                  <span className="nj-problem-message">{p.message[locale]}</span>
                  {p.hint[locale] && <span className="nj-problem-hint">{p.hint[locale]}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
