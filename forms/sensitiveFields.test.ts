import { describe, expect, it } from "vitest";
import { parseFormSchema } from "./schema";
import { mustParse } from "./testForms";
import { maskSensitiveData, parseRefKey, refKey, restoreMaskedValues, sensitivePathsOf, sensitiveQueryForms, sensitiveValueAt } from "./sensitiveFields";

const schema = mustParse({
  schemaVersion: 1,
  id: "sensitive",
  title: { zh: "测试", en: "Test" },
  fields: [
    { key: "name", type: "text", label: { zh: "姓名", en: "Name" } },
    { key: "idNumber", type: "idNumber", label: { zh: "身份证号", en: "ID number" } },
    { key: "mobile", type: "mobile", label: { zh: "手机号", en: "Mobile" } },
    { key: "bankCard", type: "bankCard", label: { zh: "银行卡号", en: "Bank card" } },
    {
      key: "members",
      type: "table",
      label: { zh: "家庭成员", en: "Household" },
      columns: [
        { key: "memberName", type: "text", label: { zh: "姓名", en: "Name" } },
        { key: "memberId", type: "idNumber", label: { zh: "身份证号", en: "ID number" } },
      ],
    },
  ],
}, parseFormSchema);

const data = {
  name: "孙丽",
  idNumber: "35020319900101123X",
  mobile: "13812345678",
  bankCard: "6222021234567891234",
  members: [{ memberName: "王芳", memberId: "350203201001011234" }, { memberName: "小明" }],
};

describe("sensitive fields", () => {
  it("knows where a form keeps them, top level and 明细表 columns", () => {
    expect(sensitivePathsOf(schema)).toEqual({ keys: ["idNumber", "mobile", "bankCard"], columns: { members: ["memberId"] } });
  });

  it("masks 138****5678, ID first 4 / last 4, card first 6 / last 4, table cells; leaves the rest and the input alone", () => {
    const { data: masked, masked: refs } = maskSensitiveData(schema, data);
    expect(masked.mobile).toBe("138****5678");
    expect(masked.idNumber).toBe("3502**********123X");
    expect(masked.bankCard).toBe("622202*********1234");
    expect(masked.name).toBe("孙丽");
    expect(masked.members).toEqual([{ memberName: "王芳", memberId: "3502**********1234" }, { memberName: "小明" }]);
    expect(refs).toEqual(["idNumber", "mobile", "bankCard", "members.0.memberId"]);
    expect(data.members[0].memberId).toBe("350203201001011234");
    expect(JSON.stringify(masked)).not.toMatch(/35020319900101123X|13812345678|6222021234567891234|350203201001011234/);
  });

  it("finds the value a reveal names, with the label it is audited under; nothing else", () => {
    expect(sensitiveValueAt(schema, data, { field: "mobile" })).toEqual({ value: "13812345678", label: "手机号" });
    expect(sensitiveValueAt(schema, data, parseRefKey("members.0.memberId")!)).toEqual({ value: "350203201001011234", label: "家庭成员 · 1 · 身份证号" });
    expect(sensitiveValueAt(schema, data, { field: "name" })).toBeNull();
    expect(sensitiveValueAt(schema, data, { field: "members", row: 1, column: "memberId" })).toBeNull();
    expect(parseRefKey("members.0.memberId")).toEqual({ field: "members", row: 0, column: "memberId" });
    expect(parseRefKey("a.b")).toBeNull();
    expect(parseRefKey("x; drop")).toBeNull();
    expect(refKey({ field: "members", row: 3, column: "memberId" })).toBe("members.3.memberId");
  });

  it("an untouched mask sent back with an approver's edits keeps the stored value; a new number stands", () => {
    const { data: masked } = maskSensitiveData(schema, data);
    const back = restoreMaskedValues(schema, data, { mobile: masked.mobile, bankCard: "6222600260001072444", members: masked.members });
    expect(back.mobile).toBe("13812345678");
    expect(back.bankCard).toBe("6222600260001072444");
    expect((back.members as { memberId?: string }[])[0].memberId).toBe("350203201001011234");
    expect((masked.members as { memberId?: string }[])[0].memberId).toBe("3502**********1234");
  });

  it("turns a search word into the stored form of each type that could hold it", () => {
    expect(sensitiveQueryForms("35020319900101123x")).toEqual(["35020319900101123X"]);
    expect(sensitiveQueryForms("+8613812345678")).toEqual(["13812345678"]);
    expect(sensitiveQueryForms("6222-0212-3456-7891-234")).toEqual(["6222021234567891234"]);
    expect(sensitiveQueryForms("厦门")).toEqual([]);
    expect(sensitiveQueryForms("5678")).toEqual([]);
  });
});
