import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Row, Typography } from "antd";
import { displayValue } from "../../../forms/displayValue";
import { getFieldType } from "../../../forms/fieldRegistry";
import { emptyRow, TABLE_DEFAULT_MAX_ROWS, type TableFieldDef, type TableRow } from "../../../forms/fields/table";
import { localized, type Locale } from "../../../forms/messages";
import type { FieldDef } from "../../../forms/schema";
import { FieldControl } from "./FieldControl";
import { rendererText } from "./rendererText";

export type TableInputProps = {
  field: TableFieldDef;
  id: string;
  value: unknown;
  onChange: (rows: TableRow[]) => void;
  onBlur: () => void;
  disabled: boolean;
  locale: Locale;
  /** react-hook-form's errors under this field: one per bad cell (`errors[row][column].message`). */
  errors?: unknown;
};

function cellError(errors: unknown, row: number, column: string): string | undefined {
  const message = (errors as Record<number, Record<string, { message?: unknown } | undefined> | undefined> | undefined)?.[row]?.[column]?.message;
  return typeof message === "string" ? message : undefined;
}

const noRef = () => undefined;

/**
 * 明细表 as a list of cards, one per row, each cell a labelled control with its error under it:
 * on a phone the columns stack, on a wide screen they sit side by side by their widths.
 */
export function TableInput({ field, id, value, onChange, onBlur, disabled, locale, errors }: TableInputProps) {
  const rows = Array.isArray(value) ? (value as TableRow[]) : [];
  const maxRows = field.maxRows ?? TABLE_DEFAULT_MAX_ROWS;
  const minRows = field.minRows ?? 0;
  const setCell = (row: number, column: string, cell: unknown) => onChange(rows.map((r, i) => (i === row ? { ...r, [column]: cell } : r)));
  const totals = (field.totals ?? []).flatMap((key) => {
    const column = field.columns.find((c) => c.key === key);
    if (!column) return [];
    const sum = rows.reduce((acc, r) => acc + (typeof r[key] === "number" && Number.isFinite(r[key]) ? (r[key] as number) : 0), 0);
    return [{ key, label: localized(column.label, locale), shown: displayValue(column as FieldDef, Math.round(sum * 100) / 100, locale) }];
  });

  return (
    <div id={id} role="group" aria-labelledby={`${id}-label`} tabIndex={-1} className="nj-table-field">
      {rows.map((row, i) => (
        <Card
          key={i}
          size="small"
          style={{ marginBottom: 8 }}
          title={rendererText(locale, "row", { n: String(i + 1) })}
          extra={
            <Button
              type="text" danger icon={<DeleteOutlined />} disabled={disabled || rows.length <= minRows}
              aria-label={rendererText(locale, "removeRow", { n: String(i + 1) })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          }
        >
          <Row gutter={12}>
            {field.columns.map((column) => {
              const fieldType = getFieldType(column.type);
              if (!fieldType) return null;
              const cellId = `${id}-${i}-${column.key}`;
              const message = cellError(errors, i, column.key);
              const group = fieldType.hint.group === true || fieldType.hint.widget === "radio" || fieldType.hint.widget === "checkbox";
              return (
                <Col xs={24} sm={column.width ?? 12} key={column.key}>
                  <Form.Item
                    label={<span id={`${cellId}-label`}>{localized(column.label, locale)}</span>}
                    htmlFor={group ? undefined : cellId}
                    required={column.required === true}
                    validateStatus={message ? "error" : undefined}
                    help={message ? <span id={`${cellId}-error`} role="alert">{message}</span> : undefined}
                    style={{ marginBottom: 8 }}
                  >
                    <FieldControl
                      field={column as FieldDef} hint={fieldType.hint} id={cellId} value={row[column.key]}
                      onChange={(cell) => setCell(i, column.key, cell)} onBlur={onBlur} inputRef={noRef}
                      disabled={disabled} invalid={Boolean(message)} required={column.required === true} errorId={`${cellId}-error`} locale={locale}
                    />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />} block size="large" disabled={disabled || rows.length >= maxRows}
        onClick={() => onChange([...rows, emptyRow(field.columns)])}
      >
        {field.addLabel ? localized(field.addLabel, locale) : rendererText(locale, "addRow")}
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {rendererText(locale, "rowCount", { n: String(rows.length), max: String(maxRows) })}
        </Typography.Text>
      </Button>
      {totals.length > 0 && rows.length > 0 && (
        <div aria-live="polite" style={{ marginTop: 8 }}>
          <Typography.Text strong>{rendererText(locale, "totals")}：</Typography.Text>
          {totals.map((t) => (
            <Typography.Text key={t.key} style={{ marginInlineEnd: 12 }}>
              {t.label} {t.shown}
            </Typography.Text>
          ))}
        </div>
      )}
    </div>
  );
}
