import { displayValue } from "../../../forms/displayValue";
import { formatYuan } from "../../../forms/fields/money";
import type { TableFieldDef, TableRow } from "../../../forms/fields/table";
import { localized, type Locale } from "../../../forms/messages";
import type { FieldDef } from "../../../forms/schema";
import { RevealableValue } from "./RevealContext";

/** A cell as read in a row: amounts without their 大写, which the totals carry. */
function cellText(column: FieldDef, value: unknown, locale: Locale): string {
  return column.type === "money" && typeof value === "number" ? formatYuan(value) : displayValue(column, value, locale);
}

/** A submitted 明细表 as a real table; it scrolls sideways on a phone rather than squeezing its columns. */
export function TableView({ field, rows, locale }: { field: TableFieldDef; rows: TableRow[]; locale: Locale }) {
  return (
    <div className="nj-table-view" role="region" aria-label={localized(field.label, locale)} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            {field.columns.map((c) => <th scope="col" key={c.key}>{localized(c.label, locale)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {field.columns.map((c) => (
                <td key={c.key}>
                  <RevealableValue path={`${field.key}.${i}.${c.key}`} label={`${localized(c.label, locale)} ${i + 1}`}>
                    {cellText(c as FieldDef, row[c.key], locale)}
                  </RevealableValue>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
