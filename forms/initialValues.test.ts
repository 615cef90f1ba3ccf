import { describe, expect, it } from "vitest";
import { compileForm } from "./compileForm";
import { initialValues } from "./initialValues";
import { parseFormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";

describe("initialValues", () => {
  it("prefers saved values, then defaults, then empty values; skips computed and static fields", () => {
    const schema = mustParse(
      form([
        { key: "intro", type: "static", label: label("说明"), content: label("…") },
        { key: "name", type: "text", label: label("姓名") },
        { key: "size", type: "number", label: label("人口"), default: 1 },
        { key: "needs", type: "checkbox", label: label("需求"), options: [{ value: "a", label: label("甲") }] },
        { key: "member", type: "switch", label: label("会员"), default: true },
        { key: "twice", type: "computed", label: label("两倍"), expression: "size * 2" },
      ]),
      parseFormSchema,
    );
    expect(initialValues(compileForm(schema, { locale: "zh" }), { name: "孙丽", member: false, twice: 99, stray: 1 })).toEqual({
      name: "孙丽", size: 1, needs: [], member: false,
    });
  });
});
