import { describe, expect, it } from "vitest";
import { compileForm } from "./compileForm";
import { formStateInputs } from "./formStateInputs";
import { parseFormSchema } from "./schema";

const label = (zh: string) => ({ zh, en: "" });

function compiled(fields: Record<string, unknown>[]) {
  const parsed = parseFormSchema({ schemaVersion: 1, id: "t", title: label("表"), fields });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return compileForm(parsed.schema, { locale: "zh" });
}

describe("formStateInputs", () => {
  it("names the fields that conditions and computed fields read, and no other", () => {
    const form = compiled([
      { key: "name", type: "text", label: label("姓名") },
      { key: "ill", type: "switch", label: label("因病") },
      { key: "proof", type: "text", label: label("证明"), hiddenIf: "not(ill)" },
      { key: "members", type: "table", label: label("成员"), columns: [{ key: "income", type: "money", label: label("收入") }] },
      { key: "size", type: "number", label: label("人口") },
      { key: "perCapita", type: "computed", label: label("人均"), expression: "sum(members.income) / size" },
      { key: "note", type: "text", label: label("说明"), requiredIf: "perCapita > 1000" },
    ]);
    expect(formStateInputs(form)?.sort()).toEqual(["ill", "members", "perCapita", "size"]);
  });

  it("is empty for a form without logic", () => {
    expect(formStateInputs(compiled([{ key: "name", type: "text", label: label("姓名") }]))).toEqual([]);
  });
});
