import { Alert, Button, Divider, Form, Input, InputNumber, Segmented, Select, Switch, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { fieldPropsJsonSchema, paletteEntryOf } from "../../../forms/fieldPalette";
import { getFieldType } from "../../../forms/fieldRegistry";
import type { LocalizedText } from "../../../forms/fieldDef";
import type { FeelContext } from "../../../forms/feel";
import { localized, type Locale } from "../../../forms/messages";
import type { DraftField } from "./designerModel";
import { designerText, propName } from "./designerText";
import { FeelInput, type FeelVariable } from "./FeelInput";
import { JsonValueInput } from "./JsonValueInput";
import { LocalizedInput } from "./LocalizedInput";
import { SchemaPropEditor } from "./SchemaPropEditor";
import type { DesignerProblem } from "./problems";

export type PropertiesPanelProps = {
  field: DraftField;
  locale: Locale;
  problems: DesignerProblem[];
  pages: { id: string; title: LocalizedText }[];
  feelVariables: FeelVariable[];
  feelContext?: FeelContext;
  /** `tag` folds repeated edits of one property into one undo step. */
  onPatch: (patch: Record<string, unknown>, tag?: string) => void;
  onReplace: (field: DraftField) => void;
};

/** Columns out of 24, shown as the share of the row. */
const WIDTHS: [number, string][] = [[6, "1/4"], [8, "1/3"], [12, "1/2"], [16, "2/3"]];
const COMMON = new Set(["key", "type", "label", "help", "placeholder", "required", "requiredIf", "hiddenIf", "readonlyIf", "default", "width", "page"]);

function DefaultValueInput({ field, locale, onChange }: { field: DraftField; locale: Locale; onChange: (v: unknown) => void }) {
  const kind = getFieldType(field.type)?.valueKind;
  const value = field.default;
  if (kind === "number") {
    return <InputNumber id="prop-default" style={{ width: "100%" }} value={typeof value === "number" ? value : null} onChange={(v) => onChange(typeof v === "number" ? v : undefined)} placeholder={designerText(locale, "notSet")} />;
  }
  if (kind === "boolean") {
    return <Switch id="prop-default" checked={value === true} onChange={(c) => onChange(c ? true : undefined)} />;
  }
  if (kind === "string" || kind === "date") {
    return <Input id="prop-default" value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} placeholder={designerText(locale, "notSet")} />;
  }
  return <JsonValueInput id="prop-default" value={value} onChange={onChange} locale={locale} />;
}

/** The whole field as JSON, applied on demand (for properties no editor covers). */
function FieldJson({ field, locale, onReplace }: { field: DraftField; locale: Locale; onReplace: (f: DraftField) => void }) {
  const shown = JSON.stringify(field, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(shown), [shown]);
  const apply = () => {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || typeof (parsed as DraftField).key !== "string" || typeof (parsed as DraftField).type !== "string") {
        setError(designerText(locale, "importNotAForm"));
        return;
      }
      setError(null);
      onReplace(parsed as DraftField);
    } catch (err) {
      setError(designerText(locale, "invalidJson", { message: (err as Error).message }));
    }
  };
  return (
    <div>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 4, maxRows: 20 }} className="nj-mono" spellCheck={false} aria-label={designerText(locale, "sectionAdvanced")} />
      {error && <div className="nj-feel-error">{error}</div>}
      <Button size="small" style={{ marginTop: 8 }} onClick={apply} disabled={text === shown}>
        {designerText(locale, "apply")}
      </Button>
    </div>
  );
}

/** Everything about the selected field: label, key, help, default, width, type settings, conditions. */
export function PropertiesPanel({ field, locale, problems, pages, feelVariables, feelContext, onPatch, onReplace }: PropertiesPanelProps) {
  const t = (k: Parameters<typeof designerText>[1], p?: Record<string, string | number>) => designerText(locale, k, p);
  const fieldType = getFieldType(field.type);
  const kind = fieldType?.valueKind ?? "none";
  const holdsValue = kind !== "none";
  const entry = paletteEntryOf(field.type);
  const props = fieldPropsJsonSchema(field.type);
  const typeProps = Object.entries(props.properties ?? {}).filter(([name]) => !COMMON.has(name));
  const requiredProps = new Set(props.required ?? []);

  return (
    <Form layout="vertical" component={false} size="middle">
      <div className="nj-props-head">
        <Tag>{localized(entry.label, locale)}</Tag>
        <Typography.Text type="secondary" className="nj-mono">
          {field.type}
        </Typography.Text>
      </div>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t("problems")}
          description={
            <ul className="nj-problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  <code>{p.subPath || p.path}</code> {locale === "en" ? p.messageEn : p.messageZh}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Divider orientation="left" plain>
        {t("sectionBasics")}
      </Divider>
      <Form.Item label={t("label")} htmlFor="prop-label" required>
        <LocalizedInput id="prop-label" value={field.label} onChange={(v) => onPatch({ label: v ?? { zh: "", en: "" } }, "label")} locale={locale} />
      </Form.Item>
      <Form.Item label={t("key")} htmlFor="prop-key" extra={t("keyHelp")} required>
        <Input id="prop-key" className="nj-mono" value={field.key} onChange={(e) => onPatch({ key: e.target.value }, "key")} />
      </Form.Item>
      <Form.Item label={t("help")} htmlFor="prop-help">
        <LocalizedInput id="prop-help" value={field.help as LocalizedText | undefined} onChange={(v) => onPatch({ help: v }, "help")} locale={locale} optional />
      </Form.Item>
      {holdsValue && kind !== "computed" && (
        <Form.Item label={t("placeholder")} htmlFor="prop-placeholder">
          <LocalizedInput id="prop-placeholder" value={field.placeholder as LocalizedText | undefined} onChange={(v) => onPatch({ placeholder: v }, "placeholder")} locale={locale} optional />
        </Form.Item>
      )}
      {holdsValue && kind !== "computed" && !fieldType?.alwaysRequired && (
        <Form.Item label={t("required")} htmlFor="prop-required">
          <Switch id="prop-required" checked={field.required === true} onChange={(c) => onPatch({ required: c ? true : undefined })} />
        </Form.Item>
      )}
      {holdsValue && kind !== "computed" && (
        <Form.Item label={t("defaultValue")} htmlFor="prop-default">
          <DefaultValueInput field={field} locale={locale} onChange={(v) => onPatch({ default: v }, "default")} />
        </Form.Item>
      )}
      <Form.Item label={t("width")}>
        <Segmented
          size="small"
          block
          value={typeof field.width === "number" ? field.width : 24}
          onChange={(v) => onPatch({ width: v === 24 ? undefined : v })}
          options={[...WIDTHS.map(([value, label]) => ({ value, label })), { value: 24, label: t("widthFull") }]}
        />
      </Form.Item>
      {pages.length > 0 && (
        <Form.Item label={t("page")} htmlFor="prop-page">
          <Select
            id="prop-page"
            allowClear
            value={typeof field.page === "string" ? field.page : undefined}
            onChange={(v: string | undefined) => onPatch({ page: v })}
            options={pages.map((p) => ({ value: p.id, label: `${localized(p.title, locale)} (${p.id})` }))}
            placeholder={t("noPage")}
          />
        </Form.Item>
      )}

      {typeProps.length > 0 && (
        <Divider orientation="left" plain>
          {t("sectionValidation")}
        </Divider>
      )}
      {typeProps.map(([name, schema]) => (
        <Form.Item key={name} label={propName(locale, name)} htmlFor={`prop-${name}`} required={requiredProps.has(name)}>
          <SchemaPropEditor
            id={`prop-${name}`}
            name={name}
            schema={schema}
            value={field[name]}
            onChange={(v) => onPatch({ [name]: v }, name)}
            required={requiredProps.has(name)}
            locale={locale}
            feelVariables={feelVariables}
            feelContext={feelContext}
          />
        </Form.Item>
      ))}

      <Divider orientation="left" plain>
        {t("sectionConditions")}
      </Divider>
      {(["hiddenIf", ...(holdsValue && kind !== "computed" ? ["requiredIf"] : []), ...(holdsValue ? ["readonlyIf"] : [])] as const).map((prop) => (
        <Form.Item key={prop} label={t(prop as "hiddenIf")} htmlFor={`prop-${prop}`}>
          <FeelInput
            id={`prop-${prop}`}
            value={typeof field[prop] === "string" ? (field[prop] as string) : ""}
            onChange={(v) => onPatch({ [prop]: v.trim() === "" ? undefined : v }, prop)}
            variables={feelVariables}
            context={feelContext}
            locale={locale}
            ariaLabel={t(prop as "hiddenIf")}
            placeholder={t("feelPlaceholder")}
          />
        </Form.Item>
      ))}

      <Divider orientation="left" plain>
        {t("sectionAdvanced")}
      </Divider>
      <FieldJson field={field} locale={locale} onReplace={onReplace} />
    </Form>
  );
}
