import { z } from "zod";
import { commonFieldShape, localizedTextSchema, type FieldDefBase, type LocalizedText } from "../fieldDef";
import { fieldMessageContext } from "../fieldMessageContext";
import { getFieldType, listFieldTypes } from "../fieldRegistry";
import { CELL_VALUE_KINDS, defineFieldType, isBlank, requiredMessageKey, type FieldType, type FieldZodContext, type SchemaProblem } from "../fieldType";
import { formMessage, localized, type Locale } from "../messages";

/**
 * 明细表: repeating rows (家庭成员, 子女, 费用明细) whose columns are simple fields (text, number,
 * money, date, select...). Stored as a list of row objects keyed by column key. FEEL reads a
 * column as a list through a path, so totals need no special names:
 * `sum(members.monthlyIncome)`, `count(members)`, `count(members[age < 18])`.
 */
export type ColumnDef = FieldDefBase;

export type TableFieldDef = FieldDefBase & {
  type: "table";
  columns: ColumnDef[];
  minRows?: number;
  maxRows?: number;
  /** Number or money columns whose sum is shown under the table. */
  totals?: string[];
  addLabel?: LocalizedText;
};

export type TableRow = Record<string, unknown>;

export const TABLE_DEFAULT_MAX_ROWS = 100;
export const TABLE_MAX_ROWS = 1000;
export const TABLE_MAX_COLUMNS = 20;

/** A column is a field without conditions or pages of its own: the row is its context. */
const columnCommonShape = {
  key: commonFieldShape.key,
  label: commonFieldShape.label,
  help: commonFieldShape.help,
  placeholder: commonFieldShape.placeholder,
  required: commonFieldShape.required,
  default: commonFieldShape.default,
  width: commonFieldShape.width,
};

/** Field types that can be a column: one simple value per cell. */
export function columnFieldTypes(): FieldType[] {
  return listFieldTypes()
    .map((t) => getFieldType(t))
    .filter((t): t is FieldType => t !== undefined && CELL_VALUE_KINDS.includes(t.valueKind));
}

let columnSchemaCache: { types: number; schema: z.ZodType } | null = null;

/** The meta-schema of one column: the same definition as a top-level field of its type, minus conditions. */
export function columnDefSchema(): z.ZodType {
  const types = columnFieldTypes();
  if (columnSchemaCache?.types !== types.length) {
    const options = types.map((t) => z.strictObject({ ...columnCommonShape, ...t.props, type: z.literal(t.type) }));
    const schema = z.discriminatedUnion("type", options as unknown as [z.ZodObject, ...z.ZodObject[]], {
      error: "列的类型须为简单字段（文本、数字、金额、日期、选择等） / a column must be a simple field type",
    });
    columnSchemaCache = { types: types.length, schema };
  }
  return columnSchemaCache.schema;
}

type CompiledColumn = { def: ColumnDef; fieldType: FieldType; schema: z.ZodType; isEmpty: (v: unknown) => boolean; label: string; locale: Locale };

function compileColumns(field: TableFieldDef, ctx: FieldZodContext): CompiledColumn[] {
  return field.columns.map((def) => {
    const fieldType = getFieldType(def.type);
    if (!fieldType) throw new Error(`未注册的字段类型 / unregistered column type "${def.type}"`);
    return {
      def,
      fieldType,
      schema: fieldType.buildZod(def, { ...ctx, ...fieldMessageContext(def, ctx.locale, ctx.now) }),
      isEmpty: fieldType.isEmpty ? (value) => fieldType.isEmpty!(value, def) : isBlank,
      label: localized(def.label, ctx.locale),
      locale: ctx.locale,
    };
  });
}

const isRow = (row: unknown): row is TableRow => typeof row === "object" && row !== null && !Array.isArray(row);
const own = (row: TableRow, key: string) => (Object.prototype.hasOwnProperty.call(row, key) ? row[key] : undefined);

/** A new, empty row: each column's default or empty value. */
export function emptyRow(columns: ColumnDef[]): TableRow {
  return Object.fromEntries(columns.map((c) => [c.key, c.default !== undefined ? c.default : (getFieldType(c.type)?.emptyValue ?? null)]));
}

export const tableField = defineFieldType<TableFieldDef>({
  type: "table",
  valueKind: "rows",
  emptyValue: [],
  // With minRows, an empty table is not "empty" but too short: it gets the minRows message.
  isEmpty: (value, field) => (field.minRows ?? 0) === 0 && isBlank(value),
  props: {
    columns: z.array(z.lazy(columnDefSchema)).min(1, "明细表至少需要一列 / a table needs a column").max(TABLE_MAX_COLUMNS),
    minRows: z.number().int().min(0).max(TABLE_MAX_ROWS).optional(),
    maxRows: z.number().int().min(1).max(TABLE_MAX_ROWS).optional(),
    totals: z.array(z.string().max(64)).max(TABLE_MAX_COLUMNS).optional(),
    addLabel: localizedTextSchema.optional(),
  },
  buildZod: (field, ctx) => {
    const columns = compileColumns(field, ctx);
    const maxRows = field.maxRows ?? TABLE_DEFAULT_MAX_ROWS;
    const minRows = field.minRows ?? 0;
    const rowIssue = (row: number, message: string) => formMessage(ctx.locale, "rowIssue", { row: row + 1, message });
    return z.unknown().transform((raw, issueCtx) => {
      const fail = (message: string, path: PropertyKey[] = []) => issueCtx.addIssue({ code: "custom", message, path, input: raw });
      raw ??= [];
      if (!Array.isArray(raw)) {
        fail(ctx.message("wrongType"));
        return z.NEVER;
      }
      // Counted before any row is looked at: 10,000 rows cost one comparison.
      if (raw.length > maxRows) {
        fail(ctx.message("tableTooManyRows", { max: maxRows }));
        return z.NEVER;
      }
      if (raw.length < minRows) {
        fail(ctx.message("tableTooFewRows", { min: minRows }));
        return z.NEVER;
      }
      const rows: TableRow[] = [];
      let ok = true;
      raw.forEach((row: unknown, i) => {
        if (!isRow(row)) {
          ok = false;
          fail(rowIssue(i, ctx.message("wrongType")), [i]);
          return;
        }
        const out: TableRow = {};
        for (const col of columns) {
          const value = own(row, col.def.key);
          if (col.isEmpty(value)) {
            if (col.def.required) {
              ok = false;
              fail(rowIssue(i, formMessage(ctx.locale, requiredMessageKey(col.fieldType), { label: col.label })), [i, col.def.key]);
            }
            out[col.def.key] = col.fieldType.emptyValue;
            continue;
          }
          const parsed = col.schema.safeParse(value);
          if (parsed.success) out[col.def.key] = parsed.data;
          else {
            ok = false;
            fail(rowIssue(i, parsed.error.issues[0]?.message ?? ctx.message("wrongType")), [i, col.def.key]);
          }
        }
        rows.push(out);
      });
      return ok ? rows : z.NEVER;
    });
  },
  buildFeelValue: (field, ctx) => {
    const columns = compileColumns(field, ctx);
    const maxRows = field.maxRows ?? TABLE_DEFAULT_MAX_ROWS;
    // Good cells as they are, bad or empty ones as null: totals follow the typing.
    return (raw) =>
      Array.isArray(raw) && raw.length <= maxRows
        ? raw.map((row: unknown) =>
            Object.fromEntries(columns.map((col) => {
              const value = isRow(row) ? own(row, col.def.key) : undefined;
              const parsed = col.isEmpty(value) ? null : col.schema.safeParse(value);
              return [col.def.key, parsed?.success ? parsed.data : null];
            })),
          )
        : null;
  },
  initialValue: (field) => Array.from({ length: field.minRows ?? 0 }, () => emptyRow(field.columns)),
  innerNames: (field) => field.columns.map((c) => c.key),
  checkDef: (field) => {
    const problems: SchemaProblem[] = [];
    const keys = new Set<string>();
    field.columns.forEach((col, i) => {
      if (keys.has(col.key)) problems.push({ path: ["columns", i, "key"], code: "duplicate_key", message: `列键名重复 / duplicate column key "${col.key}"` });
      keys.add(col.key);
      const own = getFieldType(col.type)?.checkDef?.(col) ?? [];
      problems.push(...own.map((p) => ({ ...p, path: ["columns", i, ...p.path] })));
    });
    if ((field.minRows ?? 0) > (field.maxRows ?? TABLE_DEFAULT_MAX_ROWS)) {
      problems.push({ path: ["minRows"], code: "min_above_max", message: "最少行数大于最多行数 / minRows is above maxRows" });
    }
    field.totals?.forEach((key, i) => {
      const col = field.columns.find((c) => c.key === key);
      if (!col || getFieldType(col.type)?.valueKind !== "number") {
        problems.push({ path: ["totals", i], code: "bad_total", message: `合计列须为数字或金额列 / "${key}" is not a number or money column` });
      }
    });
    return problems;
  },
  display: (value, _field, locale) => (Array.isArray(value) ? (locale === "en" ? `${value.length} rows` : `${value.length}行`) : ""),
  hint: { widget: "table", group: true },
});
