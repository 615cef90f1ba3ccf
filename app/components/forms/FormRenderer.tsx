import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Col, Form, Row, Steps, Typography } from "antd";
import { memo, startTransition, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { Controller, useForm, useWatch, type Control, type FieldErrors } from "react-hook-form";
import { FORM_ERROR_KEY, validatorOf, type FormData } from "../../../forms/buildValidator";
import { compileForm, type CompiledField } from "../../../forms/compileForm";
import type { FieldAccess } from "../../../forms/fieldAccess";
import { evaluateFormState } from "../../../forms/formState";
import { formStateInputs } from "../../../forms/formStateInputs";
import { initialValues } from "../../../forms/initialValues";
import { localized, type Locale } from "../../../forms/messages";
import type { FormSchema } from "../../../forms/schema";
import { FieldControl } from "./FieldControl";
import { MarkdownText } from "./MarkdownText";
import { rendererText } from "./rendererText";
import { sectionsOf } from "./sections";

export type FieldPermission = FieldAccess;

export type FormRendererProps = {
  schema: FormSchema;
  locale: Locale;
  /** Saved values: a returned case, a draft. */
  defaultValues?: Record<string, unknown>;
  /** Field errors the server sent back (keyed by field key, `_form` for the whole form). */
  serverErrors?: Record<string, string>;
  submitting?: boolean;
  submitLabel?: string;
  /** Called with the validator's output: normalized, hidden fields dropped, computed fields filled. */
  onValidSubmit: (data: Record<string, unknown>) => void;
  /**
   * Per-field access for this viewer (an approval node's 可编辑/只读/隐藏, from fieldAccessFor); when
   * given, hidden fields are neither shown nor validated and only editable fields are submitted.
   * Without it (an applicant) every field is editable.
   */
  fieldPermissions?: Record<string, FieldPermission>;
  readOnly?: boolean;
  /**
   * Part of a larger form (an approver's edits beside their decision): every section at once, no
   * buttons of its own; the host reads the values through onValuesChange and posts them itself.
   */
  embedded?: boolean;
  /** Every change of the raw values (the designer's preview shows what would be submitted). */
  onValuesChange?: (values: Record<string, unknown>) => void;
};

/** Bring the first field with an error into view and put the cursor in it (browser only: called from handlers). */
function revealFirstError(fields: CompiledField[], errors: Record<string, unknown>, idOf: (key: string) => string): void {
  const first = fields.find((f) => Object.prototype.hasOwnProperty.call(errors, f.def.key));
  if (!first) return;
  const container = document.getElementById(`${idOf(first.def.key)}-item`);
  container?.scrollIntoView({ block: "center", behavior: "smooth" });
  const target = document.getElementById(errorTargetId(idOf(first.def.key), errors[first.def.key]));
  const focusable = target?.matches("input, textarea, button") ? target : target?.querySelector<HTMLElement>("input, textarea, button, [tabindex]");
  focusable?.focus({ preventScroll: true });
}

/** The control to focus for a field's error: a 明细表's first bad cell (errors nest as [row][column]), else the field. */
function errorTargetId(id: string, error: unknown): string {
  if (Array.isArray(error)) {
    const row = error.findIndex((e) => typeof e === "object" && e !== null);
    const column = row >= 0 ? Object.keys(error[row] as object)[0] : undefined;
    if (column) return `${id}-${row}-${column}`;
  }
  return id;
}

/** Fields rendered with the page (and by the server): four phone screens. The rest follow. */
const FIRST_MOUNTED_FIELDS = 24;
/** From this many fields on a page, off-screen fields skip layout and paint (styles.css .nj-form-long). */
const LONG_FORM_FIELDS = 40;

/** If the page never reports a submission in progress, allow another attempt after this long. */
const UNREPORTED_SUBMIT_RELEASE_MS = 3000;

/**
 * One submission at a time. Taken synchronously on submit; released when validation fails,
 * or when the page's `submitting` flag has gone up and back down (the server answered).
 */
function useSubmitLock(submitting: boolean) {
  const held = useRef(false);
  const sawSubmitting = useRef(false);
  const [locked, setLocked] = useState(false);
  const release = () => {
    held.current = false;
    sawSubmitting.current = false;
    setLocked(false);
  };
  useEffect(() => {
    if (submitting) sawSubmitting.current = true;
    else if (sawSubmitting.current) release();
  }, [submitting]);
  return {
    locked,
    acquire: () => {
      if (held.current) return false;
      held.current = true;
      setLocked(true);
      return true;
    },
    release,
    sent: () => {
      setTimeout(() => {
        if (held.current && !sawSubmitting.current) release();
      }, UNREPORTED_SUBMIT_RELEASE_MS);
    },
  };
}

type FieldRowProps = {
  field: CompiledField;
  id: string;
  control: Control<FormData, unknown, FormData>;
  locale: Locale;
  disabled: boolean;
  required: boolean;
  /** A computed field's value, worked out by the form for this render (others read their own value). */
  computedValue: unknown;
};

/**
 * One field with its label and error. Memoized, and subscribed to its own value only: a key
 * pressed in one field re-renders that field, not the other 199 (bench/formsPhone.ts).
 */
const FieldRow = memo(function FieldRow({ field: { def, fieldType }, id, control, locale, disabled, required, computedValue }: FieldRowProps) {
  const key = def.key;
  const label = localized(def.label, locale);
  const isComputed = fieldType.valueKind === "computed";
  // A <label for> must point at a form control; radio and checkbox groups are named by aria-labelledby instead.
  const groupWidget = fieldType.hint.group === true || fieldType.hint.widget === "radio" || fieldType.hint.widget === "checkbox";
  // A 明细表 holds a Form.Item per cell; inside another Form.Item every cell would re-render with
  // the outer one (antd's item contexts), so the table gets a plain frame of the same look.
  const framedByAntd = fieldType.hint.widget !== "table";
  return (
    <Col xs={24} sm={def.width ?? 24} id={`${id}-item`} className="nj-field">
      <Controller
        name={key}
        control={control}
        render={({ field, fieldState }) => {
          // A 明细表's cell errors nest under its key; only a message of the field itself shows here.
          const message = typeof fieldState.error?.message === "string" ? fieldState.error.message : undefined;
          const widget = (
            <FieldControl
              field={def}
              hint={fieldType.hint}
              id={id}
              value={isComputed ? computedValue : field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              disabled={disabled}
              invalid={Boolean(message)}
              required={required}
              errorId={`${id}-error`}
              locale={locale}
              errors={fieldState.error}
            />
          );
          if (!framedByAntd) {
            return (
              <div className="nj-field-frame">
                <div className="nj-field-label">
                  <span id={`${id}-label`} className={required ? "nj-required" : undefined}>{label}</span>
                </div>
                {widget}
                {message && <div id={`${id}-error`} role="alert" className="nj-field-error">{message}</div>}
                {def.help && <div className="nj-field-extra">{localized(def.help, locale)}</div>}
              </div>
            );
          }
          return (
            <Form.Item
              label={<span id={`${id}-label`}>{label}</span>}
              htmlFor={groupWidget ? undefined : id}
              required={required}
              validateStatus={message ? "error" : undefined}
              help={message ? <span id={`${id}-error`} role="alert">{message}</span> : undefined}
              extra={def.help ? localized(def.help, locale) : undefined}
            >
              {widget}
            </Form.Item>
          );
        }}
      />
    </Col>
  );
});

/**
 * A form generated from its schema, validated in the browser by the same validator the server
 * runs. Phone first: one column under 576px, large controls, errors under their fields.
 */
export function FormRenderer(props: FormRendererProps) {
  const { schema, locale, defaultValues, serverErrors, submitting = false, submitLabel, onValidSubmit, fieldPermissions = {}, readOnly = false, embedded = false, onValuesChange } = props;
  const idPrefix = useId();
  const idOf = (key: string) => `${idPrefix}${key}`;
  const compiled = useMemo(() => compileForm(schema, { locale }), [schema, locale]);
  const hiddenKeys = Object.entries(fieldPermissions).filter(([, a]) => a === "hidden").map(([k]) => k).join(",");
  const resolver = useMemo(
    () => zodResolver(validatorOf(compiled, { ignore: new Set(hiddenKeys ? hiddenKeys.split(",") : []) })),
    [compiled, hiddenKeys],
  );
  // Defaults are read once, as react-hook-form does; a new case remounts the form through its key.
  const startValues = useMemo(() => initialValues(compiled, defaultValues), [compiled]);

  const { control, handleSubmit, setError, formState, trigger, getFieldState, getValues, watch } = useForm<FormData, unknown, FormData>({
    resolver,
    defaultValues: startValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
  });
  // Re-render the form only when a value some condition or computed field reads changes; a key
  // pressed elsewhere re-renders just its own field (a 200-field form on a phone: bench/formsPhone.ts).
  const stateInputs = useMemo(() => formStateInputs(compiled), [compiled]);
  useWatch({ control, name: (stateInputs ?? undefined) as string[], disabled: stateInputs !== null && stateInputs.length === 0 });
  const state = evaluateFormState(compiled, getValues());
  // Every change goes to onValuesChange (draft autosave, the designer's preview) without
  // re-rendering. A rule's message sits on a field the rule reads, often a computed one (年龄 from
  // 身份证号) the user cannot edit: a change re-checks the fields showing browser errors, so a fixed
  // input clears them. The server's errors stay until the next submit.
  const onValuesChangeRef = useRef(onValuesChange);
  onValuesChangeRef.current = onValuesChange;
  const errorsRef = useRef(formState.errors);
  errorsRef.current = formState.errors;
  useEffect(() => {
    onValuesChangeRef.current?.(getValues());
    const subscription = watch((all) => {
      onValuesChangeRef.current?.(all as FormData);
      const stale = Object.entries(errorsRef.current).flatMap(([key, error]) => (error && error.type !== "server" ? [key] : []));
      if (stale.length > 0) void trigger(stale);
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, trigger]);
  const submitLock = useSubmitLock(submitting);
  const [pageId, setPageId] = useState<string | null>(null);
  const [pendingReveal, setPendingReveal] = useState<Record<string, unknown> | null>(null);
  const [mountBudget, setMountBudget] = useState(FIRST_MOUNTED_FIELDS);
  const formTop = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!pendingReveal) return;
    setPendingReveal(null);
    revealFirstError(compiled.fields, pendingReveal, idOf);
  }, [pendingReveal]); // runs after the page holding the error has rendered
  const busy = submitting || formState.isSubmitting || submitLock.locked;

  useEffect(() => {
    if (!serverErrors) return;
    const shown: Record<string, string> = {};
    for (const [key, message] of Object.entries(serverErrors)) {
      if (key === FORM_ERROR_KEY || !compiled.fields.some((f) => f.def.key === key)) continue;
      setError(key, { type: "server", message });
      shown[key] = message;
    }
    showErrors(shown);
  }, [serverErrors, compiled, setError]); // showErrors only reads state set by this render

  const onInvalid = (errors: FieldErrors<FormData>) => {
    submitLock.release();
    showErrors(errors);
  };
  const submit = handleSubmit((data) => {
    // An approver sends only what their node lets them change.
    onValidSubmit(props.fieldPermissions ? Object.fromEntries(Object.entries(data).filter(([k]) => permissionOf(k) === "editable")) : data);
    submitLock.sent();
  }, onInvalid);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Enter in a field of an earlier page means "next", not "submit".
    if (paged && !isLastPage) {
      event.preventDefault();
      void nextPage();
      return;
    }
    // A second tap before the first has re-rendered anything must do nothing: checked synchronously.
    if (readOnly || embedded || !submitLock.acquire()) {
      event.preventDefault();
      return;
    }
    void submit(event);
  };

  const permissionOf = (key: string): FieldPermission => fieldPermissions[key] ?? "editable";
  const isShown = (f: CompiledField) => !state.hidden.has(f.def.key) && permissionOf(f.def.key) !== "hidden";
  const renderedKeys = new Set(compiled.fields.filter(isShown).map((f) => f.def.key));
  // 分步: one page at a time with Steps on top; a page whose fields are all hidden is skipped.
  const sections = sectionsOf(schema, compiled.fields);
  const shownSections = sections.filter((s) => s.fields.some(isShown));
  const paged = !readOnly && !embedded && shownSections.length > 1;
  const pageIndex = paged ? Math.max(0, shownSections.findIndex((s) => s.id === pageId)) : 0;
  const isLastPage = !paged || pageIndex === shownSections.length - 1;
  // A long form appears in two steps: the first fields at once (and in the server's HTML), the rest
  // right after as an interruptible update, so a phone shows, and takes typing into, the top of a
  // 200-field form while the bottom is still being built (bench/formsPhone.ts).
  const visibleSections = paged ? [shownSections[pageIndex]] : sections;
  const shownCount = visibleSections.reduce((n, section) => n + section.fields.filter(isShown).length, 0);
  const allMounted = shownCount <= mountBudget;
  useEffect(() => {
    if (allMounted) return;
    const next = requestAnimationFrame(() => startTransition(() => setMountBudget(Infinity)));
    return () => cancelAnimationFrame(next);
  }, [allMounted, mountBudget]);
  const goToPage = (index: number) => {
    setPageId(shownSections[index]?.id ?? null);
    formTop.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  };
  // Errors on another page: turn to it first, reveal once it has rendered.
  function showErrors(errors: Record<string, unknown>) {
    setMountBudget(Infinity); // the field with the error may not be on screen yet
    if (!paged) return setPendingReveal(errors);
    const first = compiled.fields.find((f) => Object.prototype.hasOwnProperty.call(errors, f.def.key));
    const page = first ? shownSections.findIndex((s) => s.fields.includes(first)) : -1;
    if (page >= 0 && page !== pageIndex) setPageId(shownSections[page].id);
    setPendingReveal(errors);
  }
  /** Validate only this page's fields (the same validator, its errors filtered to them), then move on. */
  async function nextPage() {
    const keys = shownSections[pageIndex].fields.filter(isShown).filter((f) => f.valueSchema && f.fieldType.valueKind !== "computed").map((f) => f.def.key);
    if (await trigger(keys)) return goToPage(pageIndex + 1);
    const errors = Object.fromEntries(keys.flatMap((k) => (getFieldState(k).error ? [[k, getFieldState(k).error]] : [])));
    revealFirstError(compiled.fields, errors, idOf);
  }

  const formLevelErrors = [
    ...(serverErrors?.[FORM_ERROR_KEY] ? [serverErrors[FORM_ERROR_KEY]] : []),
    ...(typeof formState.errors[FORM_ERROR_KEY]?.message === "string" ? [formState.errors[FORM_ERROR_KEY].message] : []),
    // An error on a field this viewer cannot see must still be shown somewhere.
    ...Object.entries(serverErrors ?? {}).filter(([k]) => k !== FORM_ERROR_KEY && !renderedKeys.has(k)).map(([, m]) => m),
  ];

  function renderField(f: CompiledField) {
    const { def, fieldType } = f;
    const key = def.key;
    const id = idOf(key);
    const label = localized(def.label, locale);
    if (fieldType.hint.widget === "group") {
      return (
        <Col span={24} key={key} id={`${id}-item`}>
          <Typography.Title level={5} className="nj-form-group">{label}</Typography.Title>
          {def.help && <Typography.Paragraph type="secondary">{localized(def.help, locale)}</Typography.Paragraph>}
        </Col>
      );
    }
    if (fieldType.hint.widget === "static") {
      return (
        <Col span={24} key={key} id={`${id}-item`}>
          {def.type === "static" && <MarkdownText source={localized(def.content, locale)} />}
        </Col>
      );
    }
    const isComputed = fieldType.valueKind === "computed";
    return (
      <FieldRow
        key={key} field={f} id={id} control={control} locale={locale}
        disabled={readOnly || permissionOf(key) === "readonly" || state.readonly.has(key)}
        required={state.required.has(key)}
        computedValue={isComputed ? state.values[key] : undefined}
      />
    );
  }

  let budgetUsed = 0;
  return (
    <form onSubmit={onSubmit} noValidate className={shownCount > LONG_FORM_FIELDS ? "nj-form nj-form-long" : "nj-form"} aria-busy={busy || undefined} ref={formTop}>
      {/* antd's Form supplies Form.Item layout only; react-hook-form owns the values. */}
      <Form layout="vertical" component={false} size="large">
        {formLevelErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={rendererText(locale, "fixErrors")} description={formLevelErrors.join("；")} />
        )}
        {paged && (
          <nav aria-label={rendererText(locale, "stepOf", { n: String(pageIndex + 1), total: String(shownSections.length) })} className="nj-steps">
            <Steps
              size="small" responsive={false} labelPlacement="vertical" current={pageIndex}
              onChange={(i) => i < pageIndex && goToPage(i)}
              items={shownSections.map((s, i) => ({ title: s.title ? localized(s.title, locale) : String(i + 1), disabled: i > pageIndex }))}
            />
          </nav>
        )}
        {visibleSections.map((section) => {
          const fields = section.fields.filter(isShown).slice(0, Math.max(0, mountBudget - budgetUsed));
          budgetUsed += fields.length;
          return fields.length === 0 ? null : (
            <section key={section.id ?? "_"} aria-label={section.title ? localized(section.title, locale) : undefined}>
              {section.title && <Typography.Title level={4}>{localized(section.title, locale)}</Typography.Title>}
              <Row gutter={16}>{fields.map(renderField)}</Row>
            </section>
          );
        })}
        {!allMounted && <Typography.Paragraph type="secondary" aria-live="polite">{rendererText(locale, "loadingFields")}</Typography.Paragraph>}
        {allMounted && !readOnly && !embedded && (
          <div className="nj-form-buttons">
            {paged && pageIndex > 0 && (
              <Button size="large" className="nj-big-button" onClick={() => goToPage(pageIndex - 1)} disabled={busy}>
                {rendererText(locale, "previous")}
              </Button>
            )}
            {isLastPage ? (
              <Button type="primary" htmlType="submit" block size="large" className="nj-big-button" style={{ minHeight: 44 }} loading={busy} disabled={busy}>
                {submitLabel ?? rendererText(locale, "submit")}
              </Button>
            ) : (
              <Button type="primary" block size="large" className="nj-big-button" onClick={() => void nextPage()}>
                {rendererText(locale, "next")}
              </Button>
            )}
          </div>
        )}
      </Form>
    </form>
  );
}
