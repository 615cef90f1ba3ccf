import { useEffect, useRef, useState } from "react";
import { evaluateFeel, feelReferencedNames, feelSyntaxProblem, type FeelContext } from "../../../forms/feel";
import type { Locale } from "../../../forms/messages";
import { designerText } from "./designerText";

export type FeelVariable = { name: string; detail?: string };

type FeelEditorInstance = { setValue: (v: string) => void; setVariables: (v: FeelVariable[]) => void; _cmEditor?: { destroy: () => void } };

export type FeelInputProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The form's field keys, offered as completions and checked as references. */
  variables: FeelVariable[];
  /** Values to evaluate against (the preview's data); no evaluation line when absent. */
  context?: FeelContext;
  locale: Locale;
  ariaLabel: string;
  placeholder?: string;
};

/** What is wrong with an expression, or what it evaluates to now, in one line. */
export function feelFeedback(source: string, keys: ReadonlySet<string>, context: FeelContext | undefined, locale: Locale): { kind: "error" | "info"; text: string } | null {
  if (source.trim() === "") return null;
  const syntax = feelSyntaxProblem(source);
  if (syntax) return { kind: "error", text: designerText(locale, "feelSyntax", { at: syntax.from }) };
  const unknown = feelReferencedNames(source).filter((n) => !keys.has(n));
  if (unknown.length > 0) return { kind: "error", text: designerText(locale, "feelUnknown", { names: unknown.join(", ") }) };
  if (!context) return null;
  const result = evaluateFeel(source, context);
  if (!result.ok) return { kind: "error", text: designerText(locale, "feelError", { message: result.error.message }) };
  return { kind: "info", text: designerText(locale, "feelResult", { value: JSON.stringify(result.value ?? null) ?? "null" }) };
}

/**
 * A FEEL expression editor (@bpmn-io/feel-editor: highlighting, completion of the form's keys and
 * FEEL built-ins, lint) loaded in the browser only; the server renders the text as it is. Below it,
 * our own checks: syntax, unknown fields, and the value with the preview's data.
 */
export function FeelInput({ id, value, onChange, variables, context, locale, ariaLabel, placeholder }: FeelInputProps) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FeelEditorInstance | null>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import("@bpmn-io/feel-editor")
      .then(({ default: FeelEditor }) => {
        if (cancelled || !container.current) return;
        editor.current = new FeelEditor({
          container: container.current,
          value: latest.current.value,
          variables,
          placeholder,
          contentAttributes: { "aria-label": ariaLabel, id },
          onChange: (next: string) => {
            if (next !== latest.current.value) latest.current.onChange(next);
          },
        }) as FeelEditorInstance;
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      editor.current?._cmEditor?.destroy();
      editor.current = null;
    };
    // The editor is created once; value and variables are pushed in by the effects below.
  }, []);

  useEffect(() => {
    editor.current?.setVariables(variables);
  }, [variables]);

  // Undo/redo or an import changed the expression from outside the editor.
  useEffect(() => {
    const cm = editor.current as unknown as { _cmEditor?: { state: { doc: { toString(): string } } } } | null;
    if (editor.current && cm?._cmEditor && cm._cmEditor.state.doc.toString() !== value) editor.current.setValue(value);
  }, [value]);

  const keys = new Set(variables.map((v) => v.name));
  const feedback = feelFeedback(value, keys, context, locale);
  return (
    <div className="nj-feel">
      {failed ? (
        <textarea id={id} aria-label={ariaLabel} className="nj-feel-fallback" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} rows={2} />
      ) : (
        <>
          {/* CodeMirror owns this element's children; React never renders into it. */}
          <div ref={container} className="nj-feel-editor" data-testid={`feel-${id}`} hidden={!ready} />
          {!ready && <div className="nj-feel-editor nj-feel-static">{value || placeholder}</div>}
        </>
      )}
      {feedback && (
        <div className={feedback.kind === "error" ? "nj-feel-error" : "nj-feel-info"} role={feedback.kind === "error" ? "alert" : undefined}>
          {feedback.text}
        </div>
      )}
    </div>
  );
}
