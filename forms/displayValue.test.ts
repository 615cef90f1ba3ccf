import { describe, expect, it } from "vitest";
import { displayValue } from "./displayValue";
import { parseFormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";

describe("displayValue", () => {
  const schema = mustParse(
    form([
      { key: "industry", type: "select", label: label("行业"), options: [{ value: "transport", label: label("交通运输业", "Transport") }] },
      { key: "needs", type: "checkbox", label: label("需求"), options: [{ value: "a", label: label("甲", "A") }, { value: "b", label: label("乙", "B") }] },
      { key: "amount", type: "money", label: label("金额") },
      { key: "member", type: "switch", label: label("会员") },
      { key: "consent", type: "consent", label: label("声明"), text: label("同意"), version: "2026-1" },
      { key: "size", type: "number", label: label("人数"), unit: { zh: "人", en: "people" } },
    ]),
    parseFormSchema,
  );
  const [industry, needs, amount, member, consent, size] = schema.fields;

  it("shows labels, amounts, yes/no and consent as people read them", () => {
    expect(displayValue(industry, "transport", "zh")).toBe("交通运输业");
    expect(displayValue(industry, "transport", "en")).toBe("Transport");
    expect(displayValue(needs, ["a", "b"], "zh")).toBe("甲、乙");
    expect(displayValue(amount, 1234.5, "zh")).toBe("¥1,234.50（壹仟贰佰叁拾肆元伍角整）");
    expect(displayValue(amount, 1234.5, "en")).toBe("¥1,234.50");
    expect(displayValue(member, false, "zh")).toBe("否");
    expect(displayValue(consent, { accepted: true, version: "2026-1" }, "zh")).toBe("已同意（版本 2026-1）");
    expect(displayValue(size, 3, "en")).toBe("3 people");
    expect(displayValue(industry, null, "zh")).toBe("");
  });
});
