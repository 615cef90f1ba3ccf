import { describe, expect, it } from "vitest";
import { withFlowOutputs } from "./flowOutputs";
import type { FormSchema } from "./schema";

const schema = {
  schemaVersion: 1,
  id: "t",
  title: { zh: "测试", en: "Test" },
  fields: [
    { key: "fare", type: "money", label: { zh: "票价", en: "Fare" } },
    { key: "note", type: "text", label: { zh: "备注", en: "Note" }, hiddenIf: "fare > 100" },
    { key: "subsidy", type: "money", label: { zh: "补贴", en: "Subsidy" }, hiddenIf: "true" },
  ],
} as unknown as FormSchema;

describe("withFlowOutputs", () => {
  it("fills a never-asked field from the variable a service task returned", () => {
    expect(withFlowOutputs(schema, { fare: 268 }, { subsidy: 200, other: 1 })).toEqual({ fare: 268, subsidy: 200 });
  });

  it("leaves answered fields, conditionally hidden fields and missing outputs alone", () => {
    const data = { fare: 268 };
    expect(withFlowOutputs(schema, data, { fare: 1, note: "x" })).toBe(data);
    expect(withFlowOutputs(schema, { fare: 268, subsidy: 5 }, { subsidy: 200 })).toEqual({ fare: 268, subsidy: 5 });
  });
});
