import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Row, Typography } from "antd";
import { dequal } from "dequal";
import { memo, useCallback, useRef } from "react";
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

/** A row's cell messages by column, from react-hook-form's errors (`errors[row][column].message`). */
function rowMessages(errors: unknown, row: number): Record<string, string> {
  const cells = (errors as Record<number, Record<string, { message?: unknown } | undefined> | undefined> | undefined)?.[row] ?? {};
  return Object.fromEntries(Object.entries(cells).flatMap(([column, e]) => (typeof e?.message === "string" ? [[column, e.message]] : [])));
}

const noRef = () => undefined;

type RowCardProps = {
  field: TableFieldDef;
  id: string;
  index: number;
  row: TableRow;
  /** This row's cell messages by column. */
  messages: Record<string, string>;
  disabled: boolean;
  canRemove: boolean;
  locale: Locale;
  onCell: (row: number, column: string, cell: unknown) => void;
  onRemove: (row: number) => void;
  onBlur: () => void;
};

/** One row's card. Memoized: typing in a cell re-renders its own row, not the other 49. */
const RowCard = memo(rowCardOf, sameRowCard);

// react-hook-form hands the field a fresh copy of its rows on every change, so rows compare by value.
function sameRowCard(a: RowCardProps, b: RowCardProps): boolean {
  return (Object.keys(a) as (keyof RowCardProps)[]).every((k) => (k === "row" || k === "messages" ? dequal(a[k], b[k]) : a[k] === b[k]));
}

function rowCardOf({ field, id, index, row, messages, disabled, canRemove, locale, onCell, onRemove, onBlur }: RowCardProps) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      title={rendererText(locale, "row", { n: String(index + 1) })}
      extra={
        <Button
          type="text" danger icon={<DeleteOutlined />} disabled={disabled || !canRemove}
          aria-label={rendererText(locale, "removeRow", { n: String(index + 1) })}
          onClick={() => onRemove(index)}
        />
      }
    >
      <Row gutter={12}>
        {field.columns.map((column) => {
          const fieldType = getFieldType(column.type);
          if (!fieldType) return null;
          const cellId = `${id}-${index}-${column.key}`;
          const message = messages[column.key];
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
                  onChange={(cell) => onCell(index, column.key, cell)} onBlur={onBlur} inputRef={noRef}
                  disabled={disabled} invalid={Boolean(message)} required={column.required === true} errorId={`${cellId}-error`} locale={locale}
                />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}


/**
 * 明细表 as a list of cards, one per row, each cell a labelled control with its error under it:
 * on a phone the columns stack, on a wide screen they sit side by side by their widths.
 */
export function TableInput({ field, id, value, onChange, onBlur, disabled, locale, errors }: TableInputProps) {
  const rows = Array.isArray(value) ? (value as TableRow[]) : [];
  const maxRows = field.maxRows ?? TABLE_DEFAULT_MAX_ROWS;
  const minRows = field.minRows ?? 0;
  // Stable handlers over the latest rows, so unchanged rows keep their props.
  const latest = useRef({ rows, onChange, onBlur });
  latest.current = { rows, onChange, onBlur };
  const onCell = useCallback((row: number, column: string, cell: unknown) => {
    const { rows: current, onChange: change } = latest.current;
    change(current.map((r, i) => (i === row ? { ...r, [column]: cell } : r)));
  }, []);
  const onRemove = useCallback((row: number) => {
    const { rows: current, onChange: change } = latest.current;
    change(current.filter((_, i) => i !== row));
  }, []);
  const onCellBlur = useCallback(() => latest.current.onBlur(), []);
  const totals = (field.totals ?? []).flatMap((key) => {
    const column = field.columns.find((c) => c.key === key);
    if (!column) return [];
    const sum = rows.reduce((acc, r) => acc + (typeof r[key] === "number" && Number.isFinite(r[key]) ? (r[key] as number) : 0), 0);
    return [{ key, label: localized(column.label, locale), shown: displayValue(column as FieldDef, Math.round(sum * 100) / 100, locale) }];
  });

  return (
    <div id={id} role="group" aria-labelledby={`${id}-label`} tabIndex={-1} className="nj-table-field">
      {rows.map((row, i) => (
        <RowCard
          key={i} field={field} id={id} index={i} row={row} messages={rowMessages(errors, i)}
          disabled={disabled} canRemove={rows.length > minRows} locale={locale} onCell={onCell} onRemove={onRemove} onBlur={onCellBlur}
        />
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
