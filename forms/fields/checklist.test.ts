import { describe, expect, it } from "vitest";
import { displayValue } from "../displayValue";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const };
const items = [{ value: "id", label: label("身份证复印件") }, { value: "proof", label: label("收入证明") }, { value: "true", label: label("所填信息真实") }];
const schema = mustParse(
  form([
    { key: "papers", type: "checklist", label: label("材料清单"), options: items },
    { key: "optional", type: "checklist", label: label("可选清单"), options: items, requireAll: false },
  ]),
  parseFormSchema,
);

describe("checklist field", () => {
  it("needs every item ticked (in any order), stored in the list's order", () => {
    expect(validateSubmission(schema, { papers: ["true", "id", "proof"] }, zh)).toEqual({ ok: true, data: { papers: ["id", "proof", "true"], optional: [] } });
    expect(displayValue(schema.fields[0], ["id", "proof"], "zh")).toBe("✓ 身份证复印件；✓ 收入证明");
  });

  it("refuses a partial or empty list, unknown or repeated items", () => {
    expect(validateSubmission(schema, { papers: ["id"] }, zh)).toEqual({ ok: false, errors: { papers: "请逐项确认材料清单" } });
    expect(validateSubmission(schema, {}, zh)).toEqual({ ok: false, errors: { papers: "请逐项确认材料清单" } });
    expect(validateSubmission(schema, { papers: ["id", "proof", "true", "x"] }, zh)).toEqual({ ok: false, errors: { papers: "材料清单的选项无效" } });
    expect(validateSubmission(schema, { papers: ["id", "id", "proof"] }, zh)).toEqual({ ok: false, errors: { papers: "材料清单有重复选项" } });
    expect(validateSubmission(schema, { papers: "id,proof,true" }, zh)).toEqual({ ok: false, errors: { papers: "材料清单格式不正确" } });
  });

  it("with requireAll off, any subset will do", () => {
    expect(validateSubmission(schema, { papers: ["id", "proof", "true"], optional: ["proof"] }, zh)).toMatchObject({ ok: true, data: { optional: ["proof"] } });
  });
});
