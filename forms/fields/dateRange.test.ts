import { describe, expect, it } from "vitest";
import { displayValue } from "../displayValue";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const, now: new Date("2026-06-01T10:00:00+08:00") };
const schema = mustParse(
  form(
    [
      { key: "stay", type: "dateRange", label: label("托管日期", "Dates"), required: true, min: "today", max: "2026-08-31", maxDays: 45 },
      { key: "days", type: "computed", label: label("天数"), expression: "(date(stay.end) - date(stay.start)).days + 1" },
    ],
  ),
  parseFormSchema,
);
const stay = (value: unknown) => validateSubmission(schema, { stay: value }, zh);

describe("dateRange field", () => {
  it("stores { start, end }, which FEEL can do date arithmetic on", () => {
    expect(stay({ start: "2026-07-01", end: "2026-08-14" })).toEqual({ ok: true, data: { stay: { start: "2026-07-01", end: "2026-08-14" }, days: 45 } });
    expect(displayValue(schema.fields[0], { start: "2026-07-01", end: "2026-07-02" }, "zh")).toBe("2026-07-01 至 2026-07-02");
    expect(displayValue(schema.fields[0], { start: "2026-07-01", end: "2026-07-02" }, "en")).toBe("2026-07-01 to 2026-07-02");
  });

  it("refuses half a range, a reversed one, one out of bounds or too long", () => {
    expect(stay({ start: "2026-07-01", end: "" })).toEqual({ ok: false, errors: { stay: "请选择托管日期的开始和结束日期" } });
    expect(stay({ start: null, end: null })).toEqual({ ok: false, errors: { stay: "请选择托管日期" } });
    expect(stay({ start: "2026-07-10", end: "2026-07-01" })).toEqual({ ok: false, errors: { stay: "托管日期的结束日期不能早于开始日期" } });
    expect(stay({ start: "2026-05-31", end: "2026-07-01" })).toEqual({ ok: false, errors: { stay: "托管日期不能早于2026-06-01" } });
    expect(stay({ start: "2026-08-01", end: "2026-09-01" })).toEqual({ ok: false, errors: { stay: "托管日期不能晚于2026-08-31" } });
    expect(stay({ start: "2026-07-01", end: "2026-08-15" })).toEqual({ ok: false, errors: { stay: "托管日期不能超过45天" } });
  });

  it("refuses other shapes", () => {
    for (const bad of ["2026-07-01/2026-07-02", ["2026-07-01", "2026-07-02"], { start: "2026-07-01", end: "2026-07-02", extra: 1 }, { start: 20260701, end: 20260702 }, { start: "2026-02-30", end: "2026-07-02" }]) {
      expect(stay(bad)).toEqual({ ok: false, errors: { stay: "托管日期不是有效日期（格式 YYYY-MM-DD）" } });
    }
  });
});
