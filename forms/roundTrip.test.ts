import { describe, expect, it } from "vitest";
import { consentTextHash } from "./consentHash";
import { displayValue } from "./displayValue";
import { getFieldType, listFieldTypes } from "./fieldRegistry";
import { parseFormSchema, type FormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";
import { validateSubmission } from "./validateSubmission";

/**
 * schema → validator → stored submission → displayed value, for EVERY registered field type.
 * Registering a type without a sample here fails the first test: a new type must show it round-trips.
 */
type Sample = {
  def: Record<string, unknown>;
  /** What a browser (or a hostile client) may post. */
  input: unknown;
  /** What is stored. */
  stored: unknown;
  /** What a read-only view shows in Chinese ("" for types that store nothing). */
  shown: string;
  /** Other fields the sample needs (a computed field's inputs). */
  others?: Record<string, unknown>[];
  othersInput?: Record<string, unknown>;
};

const NOW = new Date("2026-06-01T10:00:00+08:00");
const options = [{ value: "a", label: label("甲") }, { value: "b", label: label("乙") }];
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const FILE_ID = "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f";

const samples: Record<string, Sample> = {
  text: { def: {}, input: "  孙丽 ", stored: "孙丽", shown: "孙丽" },
  textarea: { def: {}, input: "家中老人生病\n需要照顾", stored: "家中老人生病\n需要照顾", shown: "家中老人生病\n需要照顾" },
  number: { def: { integer: true, unit: { zh: "人", en: "people" } }, input: "3", stored: 3, shown: "3 人" },
  money: { def: {}, input: 1234.56, stored: 1234.56, shown: "¥1,234.56（壹仟贰佰叁拾肆元伍角陆分）" },
  date: { def: {}, input: " 1990-02-28 ", stored: "1990-02-28", shown: "1990-02-28" },
  dateTime: { def: {}, input: "2026-06-02 09:30", stored: "2026-06-02T09:30", shown: "2026-06-02 09:30" },
  dateRange: { def: {}, input: { start: "2026-07-01", end: "2026-08-31" }, stored: { start: "2026-07-01", end: "2026-08-31" }, shown: "2026-07-01 至 2026-08-31" },
  select: { def: { options }, input: "b", stored: "b", shown: "乙" },
  radio: { def: { options }, input: "a", stored: "a", shown: "甲" },
  checkbox: { def: { options }, input: ["b", "a"], stored: ["a", "b"], shown: "甲、乙" },
  checklist: { def: { options }, input: ["b", "a"], stored: ["a", "b"], shown: "✓ 甲；✓ 乙" },
  switch: { def: {}, input: true, stored: true, shown: "是" },
  idNumber: { def: {}, input: "11010519491231002x", stored: "11010519491231002X", shown: "11010519491231002X" },
  mobile: { def: {}, input: "+86 139-0000-0003", stored: "13900000003", shown: "13900000003" },
  email: { def: {}, input: " sun.li@example.com ", stored: "sun.li@example.com", shown: "sun.li@example.com" },
  creditCode: { def: {}, input: "91350100m000100y43", stored: "91350100M000100Y43", shown: "91350100M000100Y43" },
  bankCard: { def: {}, input: "4111 1111 1111 1111", stored: "4111111111111111", shown: "4111111111111111" },
  address: { def: {}, input: " 枋湖北二路88号 ", stored: "枋湖北二路88号", shown: "枋湖北二路88号" },
  region: { def: { level: "street" }, input: { codes: ["35", "3502", "350206", "350206003"] }, stored: { codes: ["35", "3502", "350206", "350206003"], names: ["福建省", "厦门市", "湖里区", "禾山街道"] }, shown: "福建省厦门市湖里区禾山街道" },
  table: {
    def: { columns: [{ key: "name", type: "text", label: label("姓名") }, { key: "income", type: "money", label: label("月收入") }] },
    input: [{ name: " 孙丽 ", income: "3000", extra: 1 }, { name: "孙小明", income: 0 }],
    stored: [{ name: "孙丽", income: 3000 }, { name: "孙小明", income: 0 }],
    shown: "2行",
  },
  signature: { def: {}, input: PNG, stored: PNG, shown: "已签名" },
  upload: { def: {}, input: [FILE_ID], stored: [FILE_ID], shown: "1 个文件" },
  approverPicker: { def: { maxPeople: 2 }, input: [{ id: "u-li", name: "李审批" }, { id: "u-he" }], stored: [{ id: "u-li", name: "李审批" }, { id: "u-he", name: "" }], shown: "李审批" },
  consent: {
    def: { text: label("本人承诺所填属实"), version: "2026-1" },
    input: { accepted: true, version: "2026-1" },
    stored: { accepted: true, version: "2026-1", textHash: consentTextHash(label("本人承诺所填属实")) },
    shown: "已同意（版本 2026-1）",
  },
  computed: {
    def: { expression: "income / size", format: "money" },
    others: [{ key: "income", type: "money", label: label("收入") }, { key: "size", type: "number", label: label("人口") }],
    othersInput: { income: 5000.5, size: 3 },
    input: 999999, // ignored: recomputed
    stored: 1666.83,
    shown: "¥1,666.83",
  },
  static: { def: { content: label("请如实填写。") }, input: "ignored", stored: undefined, shown: "" },
  group: { def: {}, input: "ignored", stored: undefined, shown: "" },
};

function schemaFor(type: string, sample: Sample): FormSchema {
  return mustParse(form([...(sample.others ?? []), { key: "field", type, label: label("字段", "Field"), ...sample.def }]), parseFormSchema);
}

describe("round trip for every registered field type", () => {
  it("has a sample for each registered type (add one when you register a type)", () => {
    const missing = listFieldTypes().filter((t) => !samples[t]);
    expect(missing, `field types without a round-trip sample: ${missing.join(", ")}`).toEqual([]);
  });

  for (const [type, sample] of Object.entries(samples)) {
    it(`${type}: posted → stored → stored again → shown`, () => {
      expect(getFieldType(type), `sample for unregistered type "${type}"`).toBeDefined();
      const schema = schemaFor(type, sample);
      const options = { locale: "zh" as const, now: NOW };
      const first = validateSubmission(schema, { ...sample.othersInput, field: sample.input }, options);
      expect(first).toMatchObject({ ok: true });
      if (!first.ok) return;
      expect(first.data.field).toEqual(sample.stored);
      if (sample.stored === undefined) expect(Object.keys(first.data)).not.toContain("field");
      // Stored as JSON (jsonb) and validated again (a returned case, an approver's re-check): unchanged.
      const reloaded = JSON.parse(JSON.stringify(first.data)) as Record<string, unknown>;
      expect(reloaded).toEqual(first.data);
      expect(validateSubmission(schema, reloaded, options)).toEqual(first);
      const field = schema.fields.find((f) => f.key === "field")!;
      expect(displayValue(field, reloaded.field, "zh")).toBe(sample.shown);
    });
  }
});
