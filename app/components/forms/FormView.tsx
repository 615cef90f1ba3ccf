import { Typography } from "antd";
import { displayValue } from "../../../forms/displayValue";
import { getFieldType } from "../../../forms/fieldRegistry";
import { localized, type Locale } from "../../../forms/messages";
import type { FormSchema } from "../../../forms/schema";
import type { FieldPermission } from "./FormRenderer";
import { FileThumbnails } from "./FileThumbnails";
import { rendererText } from "./rendererText";
import { TableView } from "./TableView";
import { RevealableValue } from "./RevealContext";
import type { TableRow } from "../../../forms/fields/table";

export type FormViewProps = {
  schema: FormSchema;
  data: Record<string, unknown>;
  locale: Locale;
  /** Fields marked hidden are left out entirely (an approval node that must not see them). */
  fieldPermissions?: Record<string, FieldPermission>;
};

/**
 * Submitted data read-only, label beside value (stacked on phones), for case pages and the
 * approver's detail. Fields that were hidden when submitted are not in `data` and not shown;
 * static text is left out, section headings kept.
 */
export function FormView({ schema, data, locale, fieldPermissions = {} }: FormViewProps) {
  const rows = schema.fields.filter((f) => fieldPermissions[f.key] !== "hidden");
  const hasAnswer = (key: string) => Object.prototype.hasOwnProperty.call(data, key);
  // A heading is worth showing only if some field under it (up to the next heading) was answered.
  const groupHasAnswers = (index: number) => {
    for (const f of rows.slice(index + 1)) {
      if (f.type === "group") return false;
      if (getFieldType(f.type)?.valueKind !== "none" && hasAnswer(f.key)) return true;
    }
    return false;
  };
  return (
    <div className="nj-form-view">
      {rows.map((field, index) => {
        const kind = getFieldType(field.type)?.valueKind;
        const label = localized(field.label, locale);
        if (field.type === "group") {
          if (!groupHasAnswers(index)) return null;
          return <Typography.Title key={field.key} level={5} className="nj-form-group">{label}</Typography.Title>;
        }
        if (kind === "none" || !hasAnswer(field.key)) return null;
        if (field.type === "table" && Array.isArray(data[field.key]) && (data[field.key] as unknown[]).length > 0) {
          return (
            <dl key={field.key} className="nj-kv">
              <dt>{label}</dt>
              <dd><TableView field={field} rows={data[field.key] as TableRow[]} locale={locale} /></dd>
            </dl>
          );
        }
        if (field.type === "signature" && typeof data[field.key] === "string" && data[field.key] !== "") {
          return (
            <dl key={field.key} className="nj-kv">
              <dt>{label}</dt>
              <dd><img src={data[field.key] as string} alt={`${label}：${displayValue(field, data[field.key], locale)}`} className="nj-signature-image" /></dd>
            </dl>
          );
        }
        const shown = displayValue(field, data[field.key], locale);
        return (
          <dl key={field.key} className="nj-kv">
            <dt>{label}</dt>
            <dd>
              {field.type === "upload" ? (
                <FileThumbnails ids={data[field.key]} locale={locale} />
              ) : shown === "" ? (
                <Typography.Text type="secondary">{rendererText(locale, "notFilled")}</Typography.Text>
              ) : (
                <RevealableValue path={field.key} label={label}>{shown}</RevealableValue>
              )}
            </dd>
          </dl>
        );
      })}
    </div>
  );
}
