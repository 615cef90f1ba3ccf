import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFormSchema } from "./schema";
import { form, label } from "./testForms";

const name = { key: "name", type: "text", label: label("姓名", "Name"), required: true };

function problemsOf(json: unknown) {
  const result = parseFormSchema(json);
  return result.ok ? [] : result.problems;
}

describe("parseFormSchema", () => {
  it("parses a minimal form and fills in defaults (English text may be omitted)", () => {
    const result = parseFormSchema(form([{ key: "name", type: "text", label: { zh: "姓名" } }]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.schema.fields[0].label).toEqual({ zh: "姓名", en: "" });
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true }), (json) => {
        const result = parseFormSchema(json);
        expect(typeof result.ok).toBe("boolean");
      }),
    );
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); }, ownKeys: () => { throw new Error("boom"); } });
    expect(parseFormSchema(hostile).ok).toBe(false);
    expect(parseFormSchema(form([hostile])).ok).toBe(false);
  });

  it("never throws on forms that are almost right", () => {
    const almostField = fc.record(
      {
        key: fc.oneof(fc.constantFrom("a", "b", "name"), fc.string()),
        type: fc.constantFrom("text", "number", "money", "select", "checkbox", "consent", "computed", "group", "nope"),
        label: fc.oneof(fc.constant(label("字段")), fc.anything()),
        hiddenIf: fc.oneof(fc.constantFrom("a = 1", "b >", "x != null"), fc.string()),
        options: fc.anything(),
        default: fc.anything(),
        expression: fc.string(),
      },
      { requiredKeys: ["key", "type", "label"] },
    );
    fc.assert(fc.property(fc.array(almostField, { maxLength: 5 }), (fields) => {
      expect(typeof parseFormSchema(form(fields)).ok).toBe("boolean");
    }));
  });

  it("reports shape problems with a dotted path, a code and a bilingual message", () => {
    const problems = problemsOf(form([{ key: "name", type: "text", label: { en: "Name" }, requird: true }]));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "fields.0.label.zh", code: "invalid_type" }),
        expect.objectContaining({ path: "fields.0", code: "unrecognized_keys" }),
      ]),
    );
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff].* \/ /);
  });

  it("refuses a wrong schemaVersion, an unknown field type and bad keys", () => {
    expect(problemsOf({ ...(form([name]) as object), schemaVersion: 2 })[0]).toMatchObject({ path: "schemaVersion" });
    expect(problemsOf(form([{ key: "x", type: "hologram", label: label("X") }]))[0]).toMatchObject({ path: "fields.0.type", code: "unknown_field_type" });
    expect(problemsOf(form([{ ...name, key: "姓名" }]))[0]).toMatchObject({ path: "fields.0.key" });
    expect(problemsOf(form([{ ...name, key: "then" }]))[0]).toMatchObject({ path: "fields.0.key" });
  });

  it("refuses duplicate keys", () => {
    expect(problemsOf(form([name, { ...name, label: label("名字") }]))).toEqual([expect.objectContaining({ path: "fields.1.key", code: "duplicate_key" })]);
  });

  it("refuses FEEL syntax errors and references to unknown or valueless fields", () => {
    const problems = problemsOf(
      form(
        [
          name,
          { key: "intro", type: "static", label: label("说明"), content: label("请如实填写") },
          { key: "a", type: "text", label: label("甲"), hiddenIf: "name = " },
          { key: "b", type: "text", label: label("乙"), requiredIf: "nmae = \"x\"" },
          { key: "c", type: "text", label: label("丙"), readonlyIf: "intro != null" },
        ],
        { rules: [{ assert: "ghost > 1", message: label("不对") }] },
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ path: "fields.2.hiddenIf", code: "feel_syntax" }),
      expect.objectContaining({ path: "fields.3.requiredIf", code: "unknown_reference", message: expect.stringContaining("nmae") }),
      expect.objectContaining({ path: "fields.4.readonlyIf", code: "unknown_reference", message: expect.stringContaining("intro") }),
      expect.objectContaining({ path: "rules.0.assert", code: "unknown_reference" }),
    ]);
  });

  it("refuses a call of a function FEEL does not know (a misspelt name would quietly give null)", () => {
    const fields = [
      name,
      { key: "idNumber", type: "idNumber", label: label("身份证号") },
      { key: "age", type: "computed", label: label("年龄"), expression: "ageFromId(idNumber)" },
      { key: "when", type: "computed", label: label("时间"), expression: "string(date and time(\"2026-01-01T08:00:00\")) + upper case(name)" },
      { key: "bad", type: "computed", label: label("错"), expression: "ageFormId(idNumber) + suum([1, 2])" },
    ];
    expect(problemsOf(form(fields))).toEqual([
      expect.objectContaining({ path: "fields.4.expression", code: "unknown_function", message: expect.stringContaining("ageFormId") }),
      expect.objectContaining({ path: "fields.4.expression", code: "unknown_function", message: expect.stringContaining("suum") }),
    ]);
  });

  it("accepts FEEL that calls functions and binds its own names", () => {
    const fields = [
      { key: "children", type: "checkbox", label: label("子女"), options: [{ value: "a", label: label("甲") }] },
      { key: "count", type: "computed", label: label("数量"), expression: "count(children[item != \"x\"]) + sum(for c in children return 1)" },
      { key: "any", type: "computed", label: label("有"), expression: "some c in children satisfies c = \"a\"" },
      { key: "note", type: "text", label: label("备注"), hiddenIf: "string length(\"abc\") > 2 and count > 0" },
    ];
    expect(problemsOf(form(fields))).toEqual([]);
  });

  it("refuses a computed field that reads itself or a computed field below it", () => {
    const problems = problemsOf(
      form([
        { key: "a", type: "computed", label: label("甲"), expression: "b + 1" },
        { key: "b", type: "computed", label: label("乙"), expression: "b" },
      ]),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["fields.0.expression", "computed_order"],
      ["fields.1.expression", "computed_order"],
    ]);
  });

  it("runs each type's own checks: duplicate options, min above max, invalid defaults, unknown pages", () => {
    const problems = problemsOf(
      form(
        [
          { key: "s", type: "select", label: label("选"), options: [{ value: "x", label: label("X") }, { value: "x", label: label("Y") }] },
          { key: "n", type: "number", label: label("数"), min: 10, max: 1 },
          { key: "m", type: "mobile", label: label("手机"), default: "12345" },
          { key: "t", type: "text", label: label("文"), page: "p9" },
        ],
        { pages: [{ id: "p1", title: label("第一页") }] },
      ),
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ["fields.3.page", "unknown_page"],
      ["fields.0.options.1.value", "duplicate_option"],
      ["fields.1.min", "min_above_max"],
      ["fields.2.default", "invalid_default"],
    ]);
  });
});
