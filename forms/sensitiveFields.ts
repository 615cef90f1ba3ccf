import { getFieldType, listFieldTypes } from "./fieldRegistry";
import type { SensitiveValue } from "./fieldType";
import type { TableFieldDef } from "./fields/table";
import { localized, type Locale } from "./messages";
import type { FieldDef, FormSchema } from "./schema";

/**
 * Personal numbers in a form (身份证号, 手机号, 银行卡号 and any plugin type marked `sensitive`):
 * where they sit in a case's data, how they are masked, and which search words could be one.
 * Encryption itself is the persistence layer's (db/caseData.ts); this module only knows the form.
 */

/** Where a form keeps sensitive values: top-level keys, and 明细表 columns by table key. */
export type SensitivePaths = { keys: string[]; columns: Record<string, string[]> };

/** One sensitive value in a case: a field, or a cell of a 明细表 (row index and column key). */
export type SensitiveRef = { field: string; row?: number; column?: string };

const sensitiveOf = (field: FieldDef): SensitiveValue | undefined => getFieldType(field.type)?.sensitive;

export function sensitivePathsOf(schema: FormSchema): SensitivePaths {
  const paths: SensitivePaths = { keys: [], columns: {} };
  for (const field of schema.fields) {
    if (sensitiveOf(field)) paths.keys.push(field.key);
    if (field.type === "table") {
      const columns = (field as TableFieldDef).columns.filter((c) => sensitiveOf(c as FieldDef)).map((c) => c.key);
      if (columns.length) paths.columns[field.key] = columns;
    }
  }
  return paths;
}

/** "idNumber", or "members.2.idNumber" for a cell: how the page names a value to reveal. */
export function refKey(ref: SensitiveRef): string {
  return ref.column === undefined ? ref.field : `${ref.field}.${ref.row ?? 0}.${ref.column}`;
}

export function parseRefKey(text: string): SensitiveRef | null {
  const m = /^([A-Za-z_][\w]{0,63})(?:\.(\d{1,4})\.([A-Za-z_][\w]{0,63}))?$/.exec(text);
  if (!m) return null;
  return m[2] === undefined ? { field: m[1] } : { field: m[1], row: Number(m[2]), column: m[3] };
}

type Found = { ref: SensitiveRef; value: string; type: SensitiveValue; field: FieldDef; column?: FieldDef };

/** Every sensitive string value present in `data`, in form order. */
function sensitiveValues(schema: FormSchema, data: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  for (const field of schema.fields) {
    const own = sensitiveOf(field);
    const value = data[field.key];
    if (own && typeof value === "string" && value !== "") found.push({ ref: { field: field.key }, value, type: own, field });
    if (field.type !== "table" || !Array.isArray(value)) continue;
    const columns = (field as TableFieldDef).columns.map((c) => ({ def: c as FieldDef, type: sensitiveOf(c as FieldDef) }));
    value.forEach((row: unknown, index) => {
      if (!row || typeof row !== "object") return;
      for (const { def, type } of columns) {
        const cell = (row as Record<string, unknown>)[def.key];
        if (type && typeof cell === "string" && cell !== "") found.push({ ref: { field: field.key, row: index, column: def.key }, value: cell, type, field, column: def });
      }
    });
  }
  return found;
}

export type MaskedData = { data: Record<string, unknown>; masked: string[] };

/** A copy of plain case data with every sensitive value masked; `masked` names them (refKey). */
export function maskSensitiveData(schema: FormSchema, data: Record<string, unknown>): MaskedData {
  const found = sensitiveValues(schema, data);
  if (found.length === 0) return { data, masked: [] };
  const out: Record<string, unknown> = { ...data };
  const copiedTables = new Set<string>();
  for (const { ref, value, type } of found) {
    if (ref.column === undefined) {
      out[ref.field] = type.mask(value);
      continue;
    }
    if (!copiedTables.has(ref.field)) {
      out[ref.field] = (out[ref.field] as unknown[]).map((row) => (row && typeof row === "object" ? { ...(row as object) } : row));
      copiedTables.add(ref.field);
    }
    ((out[ref.field] as Record<string, unknown>[])[ref.row!])[ref.column] = type.mask(value);
  }
  return { data: out, masked: found.map((f) => refKey(f.ref)) };
}

/** The plain value a reveal asks for and the label it is audited under; null when it is not a sensitive value of the case. */
export function sensitiveValueAt(schema: FormSchema, data: Record<string, unknown>, ref: SensitiveRef, locale: Locale = "zh"): { value: string; label: string } | null {
  const key = refKey(ref);
  const hit = sensitiveValues(schema, data).find((f) => refKey(f.ref) === key);
  if (!hit) return null;
  const label = localized(hit.field.label, locale);
  return { value: hit.value, label: hit.column ? `${label} · ${ref.row! + 1} · ${localized(hit.column.label, locale)}` : label };
}

/** How a search word would be stored by each sensitive type that could hold it (usually none or one). */
export function sensitiveQueryForms(word: string): string[] {
  const forms = new Set<string>();
  for (const name of listFieldTypes()) {
    const normalized = getFieldType(name)?.sensitive?.normalizeQuery(word);
    if (normalized) forms.add(normalized);
  }
  return [...forms];
}

/**
 * Edits sent back from a page that showed masked values: a sensitive value still equal to its
 * mask was not touched, so the stored plain value stands (a mask is never a valid number).
 */
export function restoreMaskedValues(schema: FormSchema, plain: Record<string, unknown>, edits: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...edits };
  for (const { ref, value, type } of sensitiveValues(schema, plain)) {
    if (!(ref.field in out)) continue;
    if (ref.column === undefined) {
      if (out[ref.field] === type.mask(value)) out[ref.field] = value;
      continue;
    }
    const rows = out[ref.field];
    const row = Array.isArray(rows) ? (rows[ref.row!] as Record<string, unknown> | undefined) : undefined;
    if (row && typeof row === "object" && row[ref.column] === type.mask(value)) {
      out[ref.field] = rows === edits[ref.field] ? [...(rows as unknown[])] : rows;
      (out[ref.field] as Record<string, unknown>[])[ref.row!] = { ...row, [ref.column]: value };
    }
  }
  return out;
}
