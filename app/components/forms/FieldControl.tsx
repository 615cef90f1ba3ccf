import { Checkbox, Input, InputNumber, Radio, Select, Switch, Typography } from "antd";
import type { RefCallBack } from "react-hook-form";
import { resolveDateBound } from "../../../forms/fields/date";
import { resolveDateTimeBound } from "../../../forms/fields/dateTime";
import { consentTextHash } from "../../../forms/consentHash";
import { displayValue } from "../../../forms/displayValue";
import type { RendererHint } from "../../../forms/fieldType";
import { localized, type Locale } from "../../../forms/messages";
import { moneyInWords } from "../../../forms/moneyInWords";
import type { FieldDef } from "../../../forms/schema";
import { ApproverPickerControl } from "./ApproverPickerControl";
import { MarkdownText } from "./MarkdownText";
import { RegionPicker } from "./RegionPicker";
import { SignatureInput } from "./SignatureInput";
import { TableInput } from "./TableInput";
import { rendererText } from "./rendererText";
import { UploadControl } from "./UploadControl";

export type FieldControlProps = {
  field: FieldDef;
  hint: RendererHint;
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
  inputRef: RefCallBack;
  disabled: boolean;
  invalid: boolean;
  required: boolean;
  /** Id of the element holding this field's error, for aria-describedby. */
  errorId: string;
  locale: Locale;
  /** Errors inside the value (a 明细表's cells), as react-hook-form nests them. */
  errors?: unknown;
};

const asText = (v: unknown) => (typeof v === "string" ? v : "");
const asNumber = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

function MoneyInWords({ value, locale }: { value: unknown; locale: Locale }) {
  const amount = asNumber(value);
  if (amount === null || amount < 0) return null;
  let words: string;
  try {
    words = moneyInWords(amount);
  } catch {
    return null; // beyond 万亿: the validator will say why
  }
  return (
    <Typography.Text type="secondary" aria-live="polite" style={{ display: "block", marginTop: 4 }}>
      {rendererText(locale, "amountInWords")}
      {words}
    </Typography.Text>
  );
}

/** One antd widget bound to one field value, chosen by the field type's renderer hint. */
export function FieldControl(props: FieldControlProps) {
  const { field, hint, id, value, onChange, onBlur, inputRef, disabled, invalid, required, errorId, locale } = props;
  const placeholder = field.placeholder ? localized(field.placeholder, locale) : undefined;
  const aria = { "aria-invalid": invalid || undefined, "aria-describedby": invalid ? errorId : undefined, "aria-required": required || undefined };
  const status = invalid ? ("error" as const) : undefined;

  switch (hint.widget) {
    case "textarea":
      return (
        <Input.TextArea
          id={id} ref={inputRef} value={asText(value)} onChange={(e) => onChange(e.target.value)} onBlur={onBlur}
          rows={field.type === "textarea" ? (field.rows ?? 4) : 4} disabled={disabled} status={status} placeholder={placeholder} {...aria}
        />
      );
    case "number":
    case "money": {
      const isMoney = hint.widget === "money";
      const min = field.type === "number" || field.type === "money" ? field.min : undefined;
      const max = field.type === "number" || field.type === "money" ? field.max : undefined;
      return (
        <>
          <InputNumber
            id={id} ref={inputRef} value={asNumber(value)} onChange={(v) => onChange(typeof v === "number" ? v : null)} onBlur={onBlur}
            min={isMoney ? (min ?? 0) : min} max={max} precision={isMoney ? 2 : field.type === "number" && field.integer ? 0 : undefined}
            prefix={isMoney ? "¥" : undefined} suffix={field.type === "number" && field.unit ? localized(field.unit, locale) : undefined}
            inputMode={hint.inputMode} disabled={disabled} status={status} placeholder={placeholder} size="large" style={{ width: "100%" }} {...aria}
          />
          {isMoney && <MoneyInWords value={value} locale={locale} />}
        </>
      );
    }
    case "date":
    case "dateTime": {
      // The phone's own pickers (WeChat, Safari, Chrome) beat any drop-down calendar on a small screen.
      const now = new Date();
      const bounds =
        field.type === "date" ? [field.min && resolveDateBound(field.min, now), field.max && resolveDateBound(field.max, now)]
        : field.type === "dateTime" ? [field.min && resolveDateTimeBound(field.min, now), field.max && resolveDateTimeBound(field.max, now)]
        : [];
      return (
        <Input
          type={hint.widget === "date" ? "date" : "datetime-local"} id={id} ref={inputRef} value={asText(value)} onChange={(e) => onChange(e.target.value || null)} onBlur={onBlur}
          min={bounds[0] || undefined} max={bounds[1] || undefined} disabled={disabled} status={status} size="large" {...aria}
        />
      );
    }
    case "dateRange": {
      // Two native date pickers: a phone's own calendar for each end.
      const range = (typeof value === "object" && value !== null ? value : {}) as { start?: unknown; end?: unknown };
      const min = field.type === "dateRange" && field.min ? resolveDateBound(field.min, new Date()) : undefined;
      const max = field.type === "dateRange" && field.max ? resolveDateBound(field.max, new Date()) : undefined;
      const set = (part: "start" | "end", text: string) => {
        const next = { start: asText(range.start), end: asText(range.end), [part]: text };
        onChange(next.start === "" && next.end === "" ? null : next);
      };
      return (
        <div role="group" aria-labelledby={`${id}-label`} style={{ display: "flex", alignItems: "center", gap: 8 }}>
          <Input
            type="date" id={id} ref={inputRef} value={asText(range.start)} onChange={(e) => set("start", e.target.value)} onBlur={onBlur}
            min={min} max={max} disabled={disabled} status={status} size="large" aria-label={rendererText(locale, "rangeStart")} {...aria}
          />
          <span aria-hidden>{rendererText(locale, "rangeTo")}</span>
          <Input
            type="date" id={`${id}-end`} value={asText(range.end)} onChange={(e) => set("end", e.target.value)} onBlur={onBlur}
            min={asText(range.start) || min} max={max} disabled={disabled} status={status} size="large" aria-label={rendererText(locale, "rangeEnd")} {...aria}
          />
        </div>
      );
    }
    case "checklist":
      return (
        <div id={id} role="group" aria-labelledby={`${id}-label`} {...aria}>
          <Checkbox.Group
            value={Array.isArray(value) ? (value as string[]) : []} onChange={(vs) => onChange(vs)} disabled={disabled} className="nj-checklist"
            options={field.type === "checklist" ? field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) })) : []}
          />
        </div>
      );
    case "select":
      return (
        <Select
          id={id} ref={inputRef} value={typeof value === "string" ? value : undefined} onChange={(v: string | undefined) => onChange(v ?? null)} onBlur={onBlur}
          options={field.type === "select" ? field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) })) : []}
          allowClear showSearch optionFilterProp="label" disabled={disabled} status={status} size="large" style={{ width: "100%" }}
          placeholder={placeholder ?? rendererText(locale, "choose")} {...aria}
        />
      );
    case "radio":
      return (
        // antd groups take no ARIA props; the wrapper names the group after the field's label.
        <div id={id} role="radiogroup" aria-labelledby={`${id}-label`} {...aria}>
          <Radio.Group
            value={value ?? undefined} onChange={(e) => onChange(e.target.value)} disabled={disabled} className="nj-choices"
            options={field.type === "radio" ? field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) })) : []}
          />
        </div>
      );
    case "checkbox":
      return (
        <div id={id} role="group" aria-labelledby={`${id}-label`} {...aria}>
          <Checkbox.Group
            value={Array.isArray(value) ? (value as string[]) : []} onChange={(vs) => onChange(vs)} disabled={disabled} className="nj-choices"
            options={field.type === "checkbox" ? field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) })) : []}
          />
        </div>
      );
    case "switch":
      return (
        <Switch
          id={id} ref={inputRef} checked={value === true} onChange={(checked) => onChange(checked)} disabled={disabled}
          checkedChildren={rendererText(locale, "yes")} unCheckedChildren={rendererText(locale, "no")} {...aria}
        />
      );
    case "consent": {
      if (field.type !== "consent") return null;
      const accepted = typeof value === "object" && value !== null && (value as { accepted?: unknown }).accepted === true;
      return (
        <div>
          {/* Scrolls on its own so a long declaration does not push the checkbox off a phone screen. */}
          <div tabIndex={0} aria-label={localized(field.label, locale)} style={{ maxHeight: 240, overflowY: "auto", padding: "8px 12px", marginBottom: 8, border: "1px solid #d9d9d9", borderRadius: 6, background: "#fafafa" }}>
            <MarkdownText source={localized(field.text, locale)} />
          </div>
          <Checkbox
            id={id} ref={inputRef} checked={accepted} onChange={(e) => onChange(e.target.checked ? { accepted: true, version: field.version, textHash: consentTextHash(field.text) } : null)}
            disabled={disabled} {...aria}
          >
            {rendererText(locale, "consentCheck", { label: localized(field.label, locale) })}
          </Checkbox>
        </div>
      );
    }
    case "signature":
      return <SignatureInput id={id} value={value} onChange={onChange} onBlur={onBlur} disabled={disabled} invalid={invalid} locale={locale} aria={aria} />;
    case "table":
      return field.type === "table" ? <TableInput field={field} id={id} value={value} onChange={onChange} onBlur={onBlur} disabled={disabled} locale={locale} errors={props.errors} /> : null;
    case "region":
      return field.type === "region" ? <RegionPicker field={field} id={id} value={value} onChange={onChange} onBlur={onBlur} disabled={disabled} invalid={invalid} locale={locale} aria={aria} /> : null;
    case "approverPicker":
      return field.type === "approverPicker" ? <ApproverPickerControl field={field} id={id} value={value} onChange={onChange} onBlur={onBlur} disabled={disabled} invalid={invalid} locale={locale} aria={aria} /> : null;
    case "upload":
      return field.type === "upload" ? <UploadControl field={field} id={id} value={value} onChange={onChange} disabled={disabled} locale={locale} aria={aria} /> : null;
    case "computed":
      return <Input id={id} readOnly value={displayValue(field, value, locale)} size="large" aria-readonly />;
    default:
      return (
        <Input
          id={id} ref={inputRef} value={asText(value)} onChange={(e) => onChange(e.target.value)} onBlur={onBlur}
          inputMode={hint.inputMode} autoComplete={hint.autoComplete} disabled={disabled} status={status} placeholder={placeholder} size="large" {...aria}
        />
      );
  }
}
