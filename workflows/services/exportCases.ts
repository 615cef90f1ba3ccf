import ExcelJS from "exceljs";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { openCaseData } from "../../db/caseData";
import { cases, programs, programVersions, users } from "../../db/schema";
import { displayValue } from "../../forms/displayValue";
import { getFieldType } from "../../forms/fieldRegistry";
import type { TableFieldDef } from "../../forms/fields/table";
import { localized, type Locale } from "../../forms/messages";
import type { FieldDef, FormSchema } from "../../forms/schema";
import { maskSensitiveData } from "../../forms/sensitiveFields";
import { CaseCommandError } from "../runtime/errors";
import { adminScopeOf, streetOf } from "./adminScope";
import { badFilters, caseFilterSql, caseFiltersSchema } from "./caseFilters";
import type { SessionUser } from "./identity";
import { recordDisclosure } from "./recordDisclosure";

/** More rows than this are refused (narrow the filters): one export is built in memory. */
export const EXPORT_MAX_ROWS = 50_000;

export const exportRequestSchema = caseFiltersSchema.extend({
  programId: z.string().min(1).max(64),
  format: z.enum(["csv", "xlsx"]),
  /** 完整号码: only with a stated purpose, which the audit row keeps. */
  unmasked: z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean()),
  reason: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(200)),
});

export type ExportRequest = z.input<typeof exportRequestSchema>;

export type ExportFile = { filename: string; contentType: string; body: Buffer; rows: number; masked: boolean };

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

const HEADERS = {
  zh: { caseNo: "申请编号", status: "状态", applicant: "申请人", org: "所在工会", street: "街道", createdAt: "提交时间", updatedAt: "最近办理" },
  en: { caseNo: "Case no.", status: "Status", applicant: "Applicant", org: "Union", street: "Street", createdAt: "Submitted", updatedAt: "Last step" },
};

/** Cells Excel would run as a formula (=, +, -, @ …) start with a quote in a CSV (OWASP CSV injection). */
function csvSafe(value: unknown): unknown {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function chinaTime(d: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(d);
}

/** One form value as a spreadsheet cell: numbers stay numbers, a 明细表 becomes one line per row. */
function cellOf(field: FieldDef, value: unknown, locale: Locale): string | number {
  if (typeof value === "number" && (field.type === "number" || field.type === "money")) return value;
  if (field.type === "table" && Array.isArray(value)) {
    const columns = (field as TableFieldDef).columns as FieldDef[];
    return value
      .map((row: Record<string, unknown>) => columns.map((c) => `${localized(c.label, locale)}: ${displayValue(c, row?.[c.key], locale)}`).join(", "))
      .join("\n");
  }
  return displayValue(field, value, locale);
}

/**
 * 导出: one program's cases within the admin's org subtree as CSV (UTF-8 with BOM, so Excel reads
 * Chinese) or Excel. ID, mobile and bank numbers are masked unless `unmasked` is asked for with a
 * purpose. The audit row — who, program, filters, row count, masked or not — is written before the
 * file is handed out. `statusLabels` are the page's words for each status.
 */
export async function exportCases(db: Db, user: SessionUser, input: unknown, statusLabels: Record<string, string>, locale: Locale = "zh", now = new Date()): Promise<ExportFile> {
  const parsed = exportRequestSchema.safeParse(input);
  if (!parsed.success) throw badFilters(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "_form"), "取值无效 / invalid value"])));
  const req = parsed.data;
  const scope = await adminScopeOf(db, user);
  if (req.unmasked && req.reason.length < 2) {
    throw new CaseCommandError("invalidData", "导出完整号码须写明用途", "State the purpose to export full numbers", 422, { reason: "请写明用途（如：发放补助） / state the purpose" });
  }
  const [program] = await db.select().from(programs).where(eq(programs.id, req.programId));
  if (!program) throw new CaseCommandError("caseNotFound", "没有这个项目", "No such program", 404);

  const rows = await db
    .select({ c: cases, applicantName: users.name })
    .from(cases)
    .innerJoin(users, eq(users.id, cases.applicantId))
    .where(caseFilterSql(scope, req))
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .limit(EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) {
    throw new CaseCommandError("invalidData", `超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围`, `More than ${EXPORT_MAX_ROWS} cases; narrow the filters`, 422);
  }

  // Columns: every value field of the versions these cases run on, newest version's order first.
  const versionIds = [...new Set(rows.map((r) => r.c.programVersionId))];
  const versions = versionIds.length
    ? await db.select({ id: programVersions.id, version: programVersions.version, formSchema: programVersions.formSchema }).from(programVersions).where(inArray(programVersions.id, versionIds))
    : [];
  const schemaOf = new Map(versions.map((v) => [v.id, v.formSchema as FormSchema]));
  const columns = new Map<string, FieldDef>();
  for (const v of [...versions].sort((a, b) => b.version - a.version)) {
    for (const f of (v.formSchema as FormSchema).fields) {
      const kind = getFieldType(f.type)?.valueKind;
      if (kind && kind !== "none" && !columns.has(f.key)) columns.set(f.key, f);
    }
  }

  const h = HEADERS[locale];
  const book = new ExcelJS.Workbook();
  book.creator = "娘家 Niangjia";
  book.created = now;
  const sheet = book.addWorksheet(program.name.slice(0, 31) || "cases");
  sheet.columns = [
    { header: h.caseNo, key: "caseNo", width: 20 },
    { header: h.status, key: "status", width: 12 },
    { header: h.applicant, key: "applicant", width: 10 },
    { header: h.org, key: "org", width: 28 },
    { header: h.street, key: "street", width: 18 },
    { header: h.createdAt, key: "createdAt", width: 17 },
    { header: h.updatedAt, key: "updatedAt", width: 17 },
    ...[...columns.values()].map((f) => ({ header: localized(f.label, locale), key: `f:${f.key}`, width: f.type === "table" ? 40 : 18 })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  for (const { c, applicantName } of rows) {
    const schema = schemaOf.get(c.programVersionId)!;
    const plain = openCaseData(c.data as Record<string, unknown>);
    const data = req.unmasked ? plain : maskSensitiveData(schema, plain).data;
    const org = scope.orgs.get(c.applicantOrgId);
    const row: Record<string, unknown> = {
      caseNo: c.caseNo,
      status: statusLabels[c.status] ?? c.status,
      applicant: applicantName,
      org: org?.name ?? "",
      street: streetOf(scope, c.applicantOrgPath)?.name ?? "",
      createdAt: chinaTime(c.createdAt),
      updatedAt: chinaTime(c.updatedAt),
    };
    const fieldsOfVersion = new Map(schema.fields.map((f) => [f.key, f]));
    for (const [key, column] of columns) {
      if (!(key in data)) continue;
      row[`f:${key}`] = cellOf(fieldsOfVersion.get(key) ?? column, data[key], locale);
    }
    sheet.addRow(row);
  }

  const masked = !req.unmasked;
  await recordDisclosure(db, {
    tenantId: program.tenantId,
    actorId: user.id,
    action: "export",
    detail: {
      programId: program.id,
      programName: program.name,
      format: req.format,
      filters: { status: req.status ?? null, orgId: req.orgId ?? null, from: req.from ?? null, to: req.to ?? null },
      rows: rows.length,
      masked,
      ...(masked ? {} : { reason: req.reason }),
    },
  });

  const stamp = chinaTime(now).replace(/[-: ]/g, "").slice(0, 12);
  const filename = `${program.name}-${stamp}${masked ? "" : "-完整"}.${req.format}`;
  const body =
    req.format === "xlsx"
      ? Buffer.from(await book.xlsx.writeBuffer())
      : Buffer.from(await book.csv.writeBuffer({ formatterOptions: { writeBOM: true, rowDelimiter: "\r\n" }, map: csvSafe }));
  return { filename, contentType: CONTENT_TYPES[req.format], body, rows: rows.length, masked };
}
