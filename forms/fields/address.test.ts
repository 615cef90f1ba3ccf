import { describe, expect, it } from "vitest";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const };
const schema = mustParse(form([{ key: "street", type: "address", label: label("详细地址"), required: true }]), parseFormSchema);

describe("address field", () => {
  it("keeps one trimmed line of up to 120 characters", () => {
    expect(validateSubmission(schema, { street: "  湖里区禾山街道枋湖北二路 88 号 3 栋 1201 室 " }, zh)).toEqual({ ok: true, data: { street: "湖里区禾山街道枋湖北二路 88 号 3 栋 1201 室" } });
    expect(validateSubmission(schema, { street: "号" }, zh)).toEqual({ ok: false, errors: { street: "详细地址至少需要2个字" } });
    expect(validateSubmission(schema, { street: "路".repeat(121) }, zh)).toEqual({ ok: false, errors: { street: "详细地址不能超过120个字" } });
    expect(validateSubmission(schema, { street: ["枋湖北二路"] }, zh)).toEqual({ ok: false, errors: { street: "详细地址格式不正确" } });
  });
});
