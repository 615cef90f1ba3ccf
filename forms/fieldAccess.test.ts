import { describe, expect, it } from "vitest";
import { editableKeys, fieldAccessFor, visibleData } from "./fieldAccess";
import { parseFormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";
import { validateApproverEdits } from "./validateApproverEdits";
import { validateSubmission } from "./validateSubmission";

const schema = mustParse(
  form(
    [
      { key: "applicant", type: "group", label: label("申请人") },
      { key: "name", type: "text", label: label("姓名"), required: true },
      { key: "idNumber", type: "idNumber", label: label("身份证号") },
      { key: "review", type: "group", label: label("审核") },
      { key: "income", type: "money", label: label("家庭月收入") },
      { key: "size", type: "number", label: label("家庭人口"), integer: true, min: 1 },
      { key: "perCapita", type: "computed", label: label("人均"), expression: "income / size", format: "money" },
      { key: "grant", type: "money", label: label("核定金额"), max: 5000 },
      { key: "note", type: "static", label: label("说明"), content: label("由审批人填写") },
    ],
    { rules: [{ assert: "grant = null or grant <= income", message: label("核定金额不能高于家庭月收入") }] },
  ),
  parseFormSchema,
);
const zh = { locale: "zh" as const };

describe("fieldAccessFor", () => {
  it("gives every field an access, 只读 by default", () => {
    expect(fieldAccessFor(schema)).toEqual({
      applicant: "readonly", name: "readonly", idNumber: "readonly", review: "readonly", income: "readonly",
      size: "readonly", perCapita: "readonly", grant: "readonly", note: "readonly",
    });
  });

  it("lets a section's entry cover its fields, a field's own entry win, and never makes computed or static fields editable", () => {
    const access = fieldAccessFor(schema, { applicant: "hidden", name: "readonly", review: "editable", perCapita: "editable", nope: "editable", size: "bogus" });
    expect(access).toMatchObject({ applicant: "hidden", name: "readonly", idNumber: "hidden", review: "readonly", income: "editable", size: "editable", perCapita: "readonly", grant: "editable", note: "readonly" });
    expect(editableKeys(access)).toEqual(["income", "size", "grant"]);
    expect(visibleData({ name: "孙丽", idNumber: "11010519491231002X", income: 3000 }, access)).toEqual({ name: "孙丽", income: 3000 });
  });
});

describe("validateApproverEdits", () => {
  const stored = (validateSubmission(schema, { name: "孙丽", idNumber: "11010519491231002X", income: 6000, size: 3 }, zh) as { data: Record<string, unknown> }).data;
  const access = fieldAccessFor(schema, { grant: "editable", idNumber: "hidden" });

  it("accepts editable fields, revalidates the whole, recomputes, and says what changed", () => {
    const result = validateApproverEdits(schema, stored, { grant: "1500", nope: 1 }, access, zh);
    expect(result).toEqual({ ok: true, data: { ...stored, grant: 1500, perCapita: 2000 }, changed: ["grant"] });
  });

  it("refuses values for read-only and hidden fields, each with its message", () => {
    expect(validateApproverEdits(schema, stored, { grant: 1, name: "张三", idNumber: "x", perCapita: 1 }, access, zh)).toEqual({
      ok: false,
      errors: { name: "姓名在本环节不可修改", idNumber: "身份证号在本环节不可修改", perCapita: "人均在本环节不可修改" },
    });
  });

  it("applies the field's rules and the form's rules to the edit", () => {
    expect(validateApproverEdits(schema, stored, { grant: 9000 }, access, zh)).toEqual({ ok: false, errors: { grant: "核定金额不能大于¥5,000.00" } });
    expect(validateApproverEdits(schema, { ...stored, income: 1000 }, { grant: 2000 }, access, zh)).toEqual({ ok: false, errors: { grant: "核定金额不能高于家庭月收入" } });
    expect(validateApproverEdits(schema, stored, "grant=1", access, zh)).toEqual({ ok: false, errors: { _form: "提交的内容格式不正确" } });
  });
});
