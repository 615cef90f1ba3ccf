import { describe, expect, it } from "vitest";
import { buildValidator } from "../buildValidator";
import { compileForm } from "../compileForm";
import { displayValue } from "../displayValue";
import { evaluateFormState } from "../formState";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const, now: new Date("2026-06-01T10:00:00+08:00") };
const members = {
  key: "members",
  type: "table",
  label: label("家庭成员", "Family members"),
  minRows: 1,
  maxRows: 10,
  totals: ["monthlyIncome"],
  columns: [
    { key: "name", type: "text", label: label("姓名", "Name"), required: true, maxLength: 20 },
    { key: "relation", type: "select", label: label("关系", "Relation"), options: [{ value: "self", label: label("本人") }, { value: "child", label: label("子女") }] },
    { key: "age", type: "number", label: label("年龄", "Age"), integer: true, min: 0, max: 120 },
    // A default of 0 keeps sum() a number while a new row is being filled (FEEL's sum of a list holding null is null).
    { key: "monthlyIncome", type: "money", label: label("月收入", "Monthly income"), default: 0 },
  ],
};
const schema = mustParse(
  form(
    [
      members,
      { key: "familyIncome", type: "computed", label: label("家庭总收入"), expression: "sum(members.monthlyIncome)", format: "money" },
      { key: "familySize", type: "computed", label: label("家庭人口"), expression: "count(members)" },
      { key: "perCapita", type: "computed", label: label("家庭人均月收入"), expression: "familyIncome / familySize", format: "money" },
      { key: "kids", type: "computed", label: label("6至14岁子女"), expression: "count(members[relation = \"child\" and age >= 6 and age <= 14])" },
    ],
    { rules: [{ assert: "perCapita <= 3000", message: label("家庭人均月收入须不高于3000元", "Per-capita income must be at most 3000") }] },
  ),
  parseFormSchema,
);

const rows = [
  { name: " 孙丽 ", relation: "self", age: 36, monthlyIncome: "4200.5", extra: "dropped" },
  { name: "孙小明", relation: "child", age: "9", monthlyIncome: 0 },
  { name: "孙奶奶", age: 70, monthlyIncome: 1500 },
];

describe("明细表 (table field)", () => {
  it("validates every cell with its column's rules, strips unknown keys, and feeds FEEL totals", () => {
    expect(validateSubmission(schema, { members: rows, perCapita: 1 }, zh)).toEqual({
      ok: true,
      data: {
        members: [
          { name: "孙丽", relation: "self", age: 36, monthlyIncome: 4200.5 },
          { name: "孙小明", relation: "child", age: 9, monthlyIncome: 0 },
          { name: "孙奶奶", relation: null, age: 70, monthlyIncome: 1500 },
        ],
        familyIncome: 5700.5,
        familySize: 3,
        perCapita: 1900.17,
        kids: 1,
      },
    });
  });

  it("applies form rules to per-capita income computed from the rows", () => {
    const rich = [{ name: "甲", monthlyIncome: 9000 }, { name: "乙", monthlyIncome: 0 }];
    expect(validateSubmission(schema, { members: rich }, zh)).toEqual({ ok: false, errors: { perCapita: "家庭人均月收入须不高于3000元" } });
  });

  it("names the row and column of a bad cell, and reports each bad cell at its path for the browser", () => {
    const bad = [{ name: "甲", age: "abc" }, { name: "", monthlyIncome: -1 }];
    expect(validateSubmission(schema, { members: bad }, zh)).toEqual({ ok: false, errors: { members: "第1行：年龄必须是数字" } });
    const issues = buildValidator(schema, zh).safeParse({ members: bad }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["members.0.age", "第1行：年龄必须是数字"],
      ["members.1.name", "第2行：请填写姓名"],
      ["members.1.monthlyIncome", "第2行：月收入不能为负数"],
    ]);
  });

  it("refuses too many rows before looking at any (10,000 rows: one message), too few, and non-lists", () => {
    const many = Array.from({ length: 10_000 }, () => ({ name: "x", monthlyIncome: 1 }));
    expect(validateSubmission(schema, { members: many }, zh)).toEqual({ ok: false, errors: { members: "家庭成员最多10行" } });
    expect(validateSubmission(schema, { members: [] }, zh)).toEqual({ ok: false, errors: { members: "家庭成员至少需要1行" } });
    expect(validateSubmission(schema, {}, zh)).toEqual({ ok: false, errors: { members: "家庭成员至少需要1行" } });
    expect(validateSubmission(schema, { members: { 0: rows[0] } }, zh)).toEqual({ ok: false, errors: { members: "家庭成员格式不正确" } });
    expect(validateSubmission(schema, { members: ["row"] }, zh)).toEqual({ ok: false, errors: { members: "第1行：家庭成员格式不正确" } });
    expect(validateSubmission(schema, { members: [{ name: "x", __proto__: { monthlyIncome: 5 } }] }, zh)).toMatchObject({ ok: true, data: { members: [{ name: "x", monthlyIncome: null }] } });
  });

  it("keeps totals live while a row is still incomplete (good cells count, bad ones are null)", () => {
    const compiled = compileForm(schema, zh);
    const state = evaluateFormState(compiled, { members: [{ name: "", monthlyIncome: 1000 }, { name: "乙", monthlyIncome: 0, age: "x" }] });
    expect(state.values.members).toEqual([{ name: null, relation: null, age: null, monthlyIncome: 1000 }, { name: "乙", relation: null, age: null, monthlyIncome: 0 }]);
    expect(state.values.familyIncome).toBe(1000);
    expect(state.values.familySize).toBe(2);
    expect(state.values.perCapita).toBe(500);
    const badAmount = evaluateFormState(compiled, { members: [{ name: "甲", monthlyIncome: "12abc" }] });
    expect(badAmount.values.familyIncome).toBeNull(); // an amount that is not one cannot be totalled
  });

  it("checks the definition: column types, unique keys, rows, totals, FEEL names inside filters", () => {
    const problems = (extra: Record<string, unknown>) => {
      const result = parseFormSchema(form([{ ...members, ...extra }]));
      return result.ok ? [] : result.problems.map((p) => `${p.path}:${p.code}`);
    };
    expect(problems({ columns: [{ key: "a", type: "table", label: label("嵌套"), columns: [] }] })).toEqual(["fields.0.columns.0.type:invalid_union"]);
    expect(problems({ columns: [{ key: "a", type: "consent", label: label("同意"), text: label("x"), version: "1" }] })).toEqual(["fields.0.columns.0.type:invalid_union"]);
    expect(problems({ columns: [{ key: "a", type: "text", label: label("甲"), hiddenIf: "true" }] })).toEqual(["fields.0.columns.0:unrecognized_keys"]);
    expect(problems({ totals: [], columns: [{ key: "a", type: "text", label: label("甲") }, { key: "a", type: "number", label: label("乙") }] })).toEqual(["fields.0.columns.1.key:duplicate_key"]);
    expect(problems({ minRows: 5, maxRows: 2 })).toEqual(["fields.0.minRows:min_above_max"]);
    expect(problems({ totals: ["name"] })).toEqual(["fields.0.totals.0:bad_total"]);
    expect(problems({ maxRows: 5000 })).toEqual(["fields.0.maxRows:too_big"]);
    expect(problems({ totals: [], columns: [{ key: "n", type: "number", label: label("甲"), min: 5, max: 1 }] })).toEqual(["fields.0.columns.0.min:min_above_max"]);
    const unknownInFilter = parseFormSchema(form([members, { key: "c", type: "computed", label: label("c"), expression: "count(members[nope > 1])" }]));
    expect(unknownInFilter.ok ? [] : unknownInFilter.problems.map((p) => p.code)).toEqual(["unknown_reference"]);
  });

  it("displays a row count (read-only views render the rows themselves)", () => {
    expect(displayValue(schema.fields[0], [{}, {}], "zh")).toBe("2行");
    expect(displayValue(schema.fields[0], [{}, {}], "en")).toBe("2 rows");
  });
});
