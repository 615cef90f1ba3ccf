import { Alert, Segmented, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { localized, type Locale } from "../../../forms/messages";
import type { FormSchema } from "../../../forms/schema";
import { buildValidator, FORM_ERROR_KEY } from "../../../forms/buildValidator";
import { compileForm } from "../../../forms/compileForm";
import { evaluateFormState } from "../../../forms/formState";
import { FormRenderer } from "../forms/FormRenderer";
import { designerText } from "./designerText";

export type PreviewWidth = "phone" | "desktop";

export type PreviewPaneProps = {
  /** The last valid version of the form being designed. */
  schema: FormSchema;
  /** The designed form has problems right now (the preview shows an older, valid version). */
  stale: boolean;
  locale: Locale;
  width: PreviewWidth;
  onWidthChange: (width: PreviewWidth) => void;
  values: Record<string, unknown>;
  onValuesChange: (values: Record<string, unknown>) => void;
};

/** Phones always lay fields out full width; the preview does the same at phone size. */
function phoneLayout(schema: FormSchema): FormSchema {
  return { ...schema, fields: schema.fields.map((f) => ({ ...f, width: undefined })) };
}

/**
 * What the validator makes of the values: the data stored, or the first message per field. (The
 * server's validateSubmission also judges region codes against the full national data, which the
 * browser does not load.)
 */
type Checker = { validator: ReturnType<typeof buildValidator>; compiled: ReturnType<typeof compileForm> };

function submittedData({ validator, compiled }: Checker, values: Record<string, unknown>): { ok: boolean; data: Record<string, unknown>; errors: Record<string, string> } {
  const result = validator.safeParse(values);
  if (result.success) return { ok: true, data: result.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.length > 0 ? String(issue.path[0]) : FORM_ERROR_KEY] ??= issue.message;
  // Not submittable yet: show the fields that already pass, normalized as they would be stored.
  const state = evaluateFormState(compiled, values);
  const data = Object.fromEntries(Object.entries(state.values).filter(([key, value]) => !state.hidden.has(key) && !(key in errors) && value !== null));
  return { ok: false, data, errors };
}

/**
 * The real FormRenderer at phone (390px) or desktop width, and beside it the data the server would
 * store for what is typed in — the output of the same validator, or the fields that do not pass yet.
 */
export function PreviewPane({ schema, stale, locale, width, onWidthChange, values, onValuesChange }: PreviewPaneProps) {
  const t = (k: Parameters<typeof designerText>[1]) => designerText(locale, k);
  const shown = useMemo(() => (width === "phone" ? phoneLayout(schema) : schema), [schema, width]);
  // Values typed so far survive edits of the form: the renderer remounts with them as defaults.
  const [startValues, setStartValues] = useState(values);
  const renderKey = useMemo(() => JSON.stringify(shown), [shown]);
  const [mountedKey, setMountedKey] = useState(renderKey);
  if (mountedKey !== renderKey) {
    setMountedKey(renderKey);
    setStartValues(values);
  }
  const [submittedNote, setSubmittedNote] = useState(false);
  // Built once per form version, not per keystroke.
  const checker = useMemo<Checker>(() => ({ validator: buildValidator(schema, { locale }), compiled: compileForm(schema, { locale }) }), [schema, locale]);
  const result = useMemo(() => submittedData(checker, values), [checker, values]);
  const onValues = useCallback((v: Record<string, unknown>) => onValuesChange({ ...v }), [onValuesChange]);

  return (
    <div className="nj-preview">
      <div className="nj-preview-main">
        <Segmented
          value={width}
          onChange={(v) => onWidthChange(v as PreviewWidth)}
          options={[
            { value: "phone", label: `${t("phone")} 390px` },
            { value: "desktop", label: t("desktop") },
          ]}
        />
        {stale && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t("previewInvalidForm")} />}
        <div className={`nj-preview-frame is-${width}`} data-testid="designer-preview">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {localized(schema.title, locale)}
          </Typography.Title>
          <FormRenderer
            key={renderKey}
            schema={shown}
            locale={locale}
            defaultValues={startValues}
            onValuesChange={onValues}
            onValidSubmit={() => setSubmittedNote(true)}
          />
          {submittedNote && <Alert type="success" showIcon style={{ marginTop: 12 }} message={t("previewSubmitted")} closable onClose={() => setSubmittedNote(false)} />}
        </div>
      </div>
      <aside className="nj-preview-data" aria-label={t("submittedData")}>
        <Typography.Title level={5}>{t("submittedData")}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("submittedDataHint")}
        </Typography.Paragraph>
        {!result.ok && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t("previewNotYet")} />}
        <pre className="nj-json" data-testid="preview-data">{JSON.stringify(result.data, null, 2)}</pre>
        {!result.ok && (
          <>
            <Typography.Title level={5}>{t("previewErrors")}</Typography.Title>
            <pre className="nj-json nj-json-errors" data-testid="preview-errors">{JSON.stringify(result.errors, null, 2)}</pre>
          </>
        )}
      </aside>
    </div>
  );
}
