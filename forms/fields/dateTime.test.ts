import { describe, expect, it } from "vitest";
import { displayValue } from "../displayValue";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const, now: new Date("2026-06-01T10:00:00+08:00") };
const schema = mustParse(form([{ key: "at", type: "dateTime", label: label("预约时间"), min: "now", max: "2026-12-31T18:00" }]), parseFormSchema);
const at = (value: unknown) => validateSubmission(schema, { at: value }, zh);

describe("dateTime field", () => {
  it("stores China's civil time to the minute, from datetime-local text, a space or seconds", () => {
    expect(at("2026-06-02T09:30")).toEqual({ ok: true, data: { at: "2026-06-02T09:30" } });
    expect(at(" 2026-06-02 09:30:59 ")).toEqual({ ok: true, data: { at: "2026-06-02T09:30" } });
    expect(displayValue(schema.fields[0], "2026-06-02T09:30", "zh")).toBe("2026-06-02 09:30");
  });

  it("bounds by now (Beijing time) and by a fixed time", () => {
    expect(at("2026-06-01T09:59")).toEqual({ ok: false, errors: { at: "预约时间不能早于2026-06-01 10:00" } });
    expect(at("2026-06-01T10:00").ok).toBe(true);
    expect(at("2026-12-31T18:01")).toEqual({ ok: false, errors: { at: "预约时间不能晚于2026-12-31 18:00" } });
  });

  it("refuses impossible times and other types", () => {
    for (const bad of ["2026-02-30T10:00", "2026-06-02T24:00", "2026-06-02T10:60", "2026-06-02", "明天上午", 1780000000000, { at: 1 }]) {
      expect(at(bad)).toEqual({ ok: false, errors: { at: "预约时间不是有效的日期时间" } });
    }
  });

  it("checks bounds in the definition", () => {
    expect(parseFormSchema(form([{ key: "a", type: "dateTime", label: label("时间"), min: "2026-01-02T00:00", max: "2026-01-01T00:00" }])).ok).toBe(false);
    expect(parseFormSchema(form([{ key: "a", type: "dateTime", label: label("时间"), min: "2026-01-02" }])).ok).toBe(false);
  });
});
