import { Input, InputNumber, Select, Switch } from "antd";
import type { FieldOption, LocalizedText } from "../../../forms/fieldDef";
import type { JsonSchema } from "../../../forms/fieldPalette";
import type { FeelContext } from "../../../forms/feel";
import type { Locale } from "../../../forms/messages";
import { choiceName, designerText } from "./designerText";
import { FeelInput, type FeelVariable } from "./FeelInput";
import { JsonValueInput } from "./JsonValueInput";
import { LocalizedInput } from "./LocalizedInput";
import { OptionsEditor } from "./OptionsEditor";

export type SchemaPropEditorProps = {
  id: string;
  name: string;
  schema: JsonSchema;
  value: unknown;
  /** undefined removes the property. */
  onChange: (value: unknown) => void;
  required: boolean;
  locale: Locale;
  feelVariables: FeelVariable[];
  feelContext?: FeelContext;
};

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

const isLocalized = (schema: JsonSchema) => typeOf(schema) === "object" && Boolean(schema.properties?.zh) && Boolean(schema.properties?.en);

const isOptionList = (schema: JsonSchema) => {
  const item = schema.items;
  return typeOf(schema) === "array" && typeOf(item ?? {}) === "object" && Boolean(item?.properties?.value) && Boolean(item?.properties?.label && isLocalized(item.properties.label));
};

/** FEEL-valued props are recognised by name: `expression`, and conditions ending in `If`. */
export const isFeelProp = (name: string) => name === "expression" || /If$/.test(name);

/**
 * An editor for one type-specific property, chosen from the JSON Schema of the field type's zod
 * meta-schema: numbers, switches, choices, texts in two languages, option lists, FEEL — and JSON
 * for anything else. New field types get editors without designer changes.
 */
export function SchemaPropEditor({ id, name, schema, value, onChange, required, locale, feelVariables, feelContext }: SchemaPropEditorProps) {
  const type = typeOf(schema);
  if (isFeelProp(name) && type === "string") {
    return <FeelInput id={id} value={typeof value === "string" ? value : ""} onChange={(v) => onChange(v === "" && !required ? undefined : v)} variables={feelVariables} context={feelContext} locale={locale} ariaLabel={name} />;
  }
  if (type === "integer" || type === "number") {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
    return (
      <InputNumber
        id={id}
        style={{ width: "100%" }}
        value={typeof value === "number" ? value : null}
        min={min}
        max={schema.maximum}
        precision={type === "integer" ? 0 : undefined}
        onChange={(v) => onChange(typeof v === "number" ? v : undefined)}
        placeholder={designerText(locale, "notSet")}
      />
    );
  }
  if (type === "boolean") {
    return <Switch id={id} checked={value === true} onChange={(checked) => onChange(checked ? true : undefined)} />;
  }
  if (type === "string" && schema.enum) {
    return (
      <Select
        id={id}
        style={{ width: "100%" }}
        allowClear={!required}
        value={typeof value === "string" ? value : undefined}
        onChange={(v: string | undefined) => onChange(v)}
        options={schema.enum.map((v) => ({ value: String(v), label: choiceName(locale, name, String(v)) }))}
        placeholder={designerText(locale, "notSet")}
      />
    );
  }
  if (type === "array" && schema.items?.enum) {
    return (
      <Select
        id={id}
        mode="multiple"
        style={{ width: "100%" }}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v: string[]) => onChange(v.length === 0 ? undefined : v)}
        options={schema.items.enum.map((v) => ({ value: String(v), label: choiceName(locale, name, String(v)) }))}
        placeholder={designerText(locale, "notSet")}
      />
    );
  }
  if (type === "string") {
    return <Input id={id} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" && !required ? undefined : e.target.value)} placeholder={schema.pattern ? schema.pattern : designerText(locale, "notSet")} />;
  }
  if (isLocalized(schema)) {
    const long = (schema.properties?.zh?.maxLength ?? 0) > 2000;
    return <LocalizedInput id={id} value={value as LocalizedText | undefined} onChange={onChange} locale={locale} optional={!required} multiline={long} />;
  }
  if (isOptionList(schema)) {
    return <OptionsEditor id={id} value={Array.isArray(value) ? (value as FieldOption[]) : []} onChange={onChange} locale={locale} />;
  }
  return <JsonValueInput id={id} value={value} onChange={onChange} locale={locale} rows={3} />;
}
