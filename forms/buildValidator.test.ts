import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildValidator } from "./buildValidator";
import { consentTextHash } from "./consentHash";
import { validateSubmission } from "./validateSubmission";
import { idNumberCheckChar } from "./idNumber";
import { parseFormSchema } from "./schema";
import { form, label, mustParse } from "./testForms";

const NOW = new Date("2026-06-01T10:00:00+08:00");
const zh = { locale: "zh" as const, now: NOW };
const en = { locale: "en" as const, now: NOW };
const options = [{ value: "a", label: label("甲", "A") }, { value: "b", label: label("乙", "B") }, { value: "c", label: label("丙", "C") }];

/** One field of every type, each with a valid input and the data it must become. */
const everyType = mustParse(
  form([
    { key: "section", type: "group", label: label("基本信息", "Basics") },
    { key: "intro", type: "static", label: label("说明"), content: label("请如实填写。", "Tell the truth.") },
    { key: "name", type: "text", label: label("姓名", "Name"), required: true, maxLength: 20 },
    { key: "story", type: "textarea", label: label("困难情况", "Hardship") },
    { key: "familySize", type: "number", label: label("家庭人口", "Family size"), integer: true, min: 1, max: 20 },
    { key: "income", type: "money", label: label("家庭月收入", "Monthly income") },
    { key: "birthday", type: "date", label: label("出生日期", "Birth date"), max: "today" },
    { key: "industry", type: "select", label: label("行业", "Industry"), options },
    { key: "shift", type: "radio", label: label("班次", "Shift"), options },
    { key: "needs", type: "checkbox", label: label("需求", "Needs"), options, maxSelected: 2 },
    { key: "isMember", type: "switch", label: label("是否会员", "Member") },
    { key: "idNumber", type: "idNumber", label: label("身份证号", "ID number") },
    { key: "mobile", type: "mobile", label: label("手机号", "Mobile") },
    { key: "email", type: "email", label: label("电子邮箱", "Email") },
    { key: "employerCode", type: "creditCode", label: label("统一社会信用代码", "Credit code") },
    { key: "bankCard", type: "bankCard", label: label("银行卡号", "Bank card") },
    { key: "consent", type: "consent", label: label("个人信息授权", "Consent"), text: label("同意……"), version: "v1" },
    { key: "perCapita", type: "computed", label: label("人均收入", "Per capita"), expression: "income / familySize", format: "money" },
  ]),
  parseFormSchema,
);

const validInput = {
  name: "  孙丽 ",
  story: "家中老人生病",
  familySize: "3",
  income: 5000.5,
  birthday: "1990-02-28",
  industry: "b",
  shift: "a",
  needs: ["c", "a"],
  isMember: true,
  idNumber: "11010519491231002x",
  mobile: "+86 139-0000-0003",
  email: " sun.li@example.com ",
  employerCode: "91350100m000100y43",
  bankCard: "4111 1111 1111 1111",
  consent: { accepted: true, version: "v1" },
  perCapita: 999999,
};

const expectedData = {
  name: "孙丽",
  story: "家中老人生病",
  familySize: 3,
  income: 5000.5,
  birthday: "1990-02-28",
  industry: "b",
  shift: "a",
  needs: ["a", "c"],
  isMember: true,
  idNumber: "11010519491231002X",
  mobile: "13900000003",
  email: "sun.li@example.com",
  employerCode: "91350100M000100Y43",
  bankCard: "4111111111111111",
  consent: { accepted: true, version: "v1", textHash: consentTextHash(label("同意……")) },
  perCapita: 1666.83,
};

describe("validateSubmission: round trip for every field type", () => {
  it("turns valid input into normalized data, static and group fields storing nothing", () => {
    expect(validateSubmission(everyType, validInput, zh)).toEqual({ ok: true, data: expectedData });
  });

  it("is idempotent: stored data validates to itself", () => {
    expect(validateSubmission(everyType, expectedData, zh)).toEqual({ ok: true, data: expectedData });
  });

  it("stores each type's empty value for optional fields left empty", () => {
    const result = validateSubmission(everyType, { name: "孙丽", consent: true, needs: [], story: "   " }, zh);
    expect(result).toEqual({
      ok: true,
      data: {
        name: "孙丽", story: null, familySize: null, income: null, birthday: null, industry: null, shift: null, needs: [],
        isMember: false, idNumber: null, mobile: null, email: null, employerCode: null, bankCard: null,
        consent: { accepted: true, version: "v1", textHash: consentTextHash(label("同意……")) }, perCapita: null,
      },
    });
  });

  it("is the same zod schema react-hook-form's resolver would run", async () => {
    const parsed = await buildValidator(everyType, zh).safeParseAsync(validInput);
    expect(parsed.success && parsed.data).toEqual(expectedData);
  });
});

describe("validateSubmission: errors per field, naming the field, in the user's language", () => {
  const bad = {
    name: "",
    familySize: "2.5",
    income: 12.345,
    birthday: "2030-01-01",
    industry: "z",
    needs: ["a", "b", "c"],
    isMember: "yes",
    idNumber: "110105194912310021",
    mobile: "12900000000",
    email: "not-an-email",
    employerCode: "91350100M000100Y44",
    bankCard: "4111111111111112",
    consent: false,
  };

  it("in Chinese by default", () => {
    expect(validateSubmission(everyType, bad, zh)).toEqual({
      ok: false,
      errors: {
        name: "请填写姓名",
        familySize: "家庭人口必须是整数",
        income: "家庭月收入最多保留2位小数",
        birthday: "出生日期不能晚于2026-06-01",
        industry: "行业的选项无效",
        needs: "需求最多选择2项",
        isMember: "是否会员只能是“是”或“否”",
        idNumber: "身份证号校验位不正确",
        mobile: "手机号应为11位中国大陆手机号",
        email: "电子邮箱不是有效的电子邮箱",
        employerCode: "统一社会信用代码校验码不正确",
        bankCard: "银行卡号校验不通过，请核对卡号",
        consent: "请阅读并同意个人信息授权",
      },
    });
  });

  it("in English when asked", () => {
    const result = validateSubmission(everyType, bad, en);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe("Name is required");
    expect(result.errors.idNumber).toBe("ID number check digit is wrong");
    expect(result.errors.consent).toBe("Please read and accept Consent");
  });

  it("explains which part of an ID number is wrong", () => {
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
    const errorFor = (idNumber: string) => {
      const r = validateSubmission(everyType, { ...validInput, idNumber }, zh);
      return r.ok ? null : r.errors.idNumber;
    };
    expect(errorFor("1101051949")).toBe("身份证号应为18位");
    expect(errorFor(withCheck("11010519491331002"))).toBe("身份证号中的出生日期不正确");
    expect(errorFor(withCheck("00010519491231002"))).toBe("身份证号的地区码不正确");
  });

  it("refuses consent given to another version of the text", () => {
    const r = validateSubmission(everyType, { ...validInput, consent: { accepted: true, version: "v0" } }, zh);
    expect(r).toEqual({ ok: false, errors: { consent: "个人信息授权已更新，请重新阅读并同意" } });
  });
});

describe("validateSubmission: adversarial input", () => {
  it("refuses input that is not an object, under _form", () => {
    for (const input of [null, undefined, 42, "name=x", [validInput]]) {
      expect(validateSubmission(everyType, input, zh)).toEqual({ ok: false, errors: { _form: "提交的内容格式不正确" } });
    }
  });

  it("strips keys the form does not have, including prototype tricks", () => {
    const input = JSON.parse(JSON.stringify({ ...validInput, isAdmin: true, status: "approved" }).replace("{", '{"__proto__":{"polluted":1},'));
    const result = validateSubmission(everyType, input, zh);
    expect(result).toEqual({ ok: true, data: expectedData });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses type confusion instead of coercing", () => {
    const cases: [string, unknown][] = [
      ["familySize", "12abc"], ["familySize", { valueOf: 3 }], ["familySize", true], ["familySize", "1e3"], ["familySize", [3]],
      ["income", "Infinity"], ["income", -5], ["name", 123], ["name", ["孙丽"]], ["name", { toString: "x" }],
      ["industry", ["a"]], ["needs", "a"], ["needs", [1]], ["mobile", 13900000003], ["birthday", 20260101],
      ["birthday", "2023-02-29"], ["consent", "yes"], ["consent", { accepted: "true" }], ["isMember", 1],
    ];
    for (const [key, value] of cases) {
      const result = validateSubmission(everyType, { ...validInput, [key]: value }, zh);
      expect(result.ok, `${key} = ${JSON.stringify(value)}`).toBe(false);
      if (!result.ok) expect(Object.keys(result.errors)).toEqual([key]);
    }
  });

  it("refuses huge strings rather than storing them", () => {
    const huge = "工".repeat(1_000_000);
    for (const key of ["name", "story", "idNumber", "mobile", "email", "employerCode", "bankCard", "birthday", "industry"]) {
      const result = validateSubmission(everyType, { ...validInput, [key]: huge }, zh);
      expect(result.ok, key).toBe(false);
    }
    const r = validateSubmission(everyType, { ...validInput, story: "字".repeat(2001) }, zh);
    expect(r).toEqual({ ok: false, errors: { story: "困难情况不能超过2000个字" } });
  });

  it("counts characters, not UTF-16 units: 20 rare 汉字 fit a 20-character name", () => {
    expect(validateSubmission(everyType, { ...validInput, name: "𠀀".repeat(20) }, zh).ok).toBe(true);
    expect(validateSubmission(everyType, { ...validInput, name: "𠀀".repeat(21) }, zh).ok).toBe(false);
  });

  it("ignores a client's value for a computed field", () => {
    const result = validateSubmission(everyType, { ...validInput, perCapita: "hacked", income: 300, familySize: 3 }, zh);
    expect(result.ok && result.data.perCapita).toBe(100);
  });

  it("never throws and only ever returns the form's keys, whatever is posted", () => {
    const keys = everyType.fields.map((f) => f.key);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys, "extra", "__proto__", "constructor"), fc.anything()), (input) => {
        const result = validateSubmission(everyType, input, zh);
        if (result.ok) for (const k of Object.keys(result.data)) expect(keys).toContain(k);
        else for (const k of Object.keys(result.errors)) expect([...keys, "_form"]).toContain(k);
      }),
    );
  });
});

describe("conditions: hiddenIf, requiredIf and groups", () => {
  const conditional = mustParse(
    form([
      { key: "kind", type: "radio", label: label("形态"), required: true, options: [{ value: "none", label: label("否") }, { value: "rider", label: label("骑手") }] },
      { key: "platform", type: "text", label: label("平台"), hiddenIf: 'kind = null or kind = "none"', required: true },
      { key: "platformYears", type: "number", label: label("年限"), hiddenIf: "platform = null" },
      { key: "hasKids", type: "switch", label: label("有子女") },
      { key: "kidsCount", type: "number", label: label("子女数"), requiredIf: "hasKids" },
      { key: "extra", type: "group", label: label("补充"), hiddenIf: "not(hasKids)" },
      { key: "school", type: "text", label: label("学校") },
      { key: "grade", type: "text", label: label("年级") },
    ]),
    parseFormSchema,
  );

  it("neither validates nor keeps values of hidden fields, and hidden values do not show other fields", () => {
    const result = validateSubmission(conditional, { kind: "none", platform: 42, platformYears: "many", school: "一中", grade: 3 }, zh);
    expect(result).toEqual({ ok: true, data: { kind: "none", hasKids: false, kidsCount: null } });
  });

  it("validates a shown field, required included", () => {
    expect(validateSubmission(conditional, { kind: "rider" }, zh)).toEqual({ ok: false, errors: { platform: "请填写平台" } });
    expect(validateSubmission(conditional, { kind: "rider", platform: "美团", platformYears: 2 }, zh)).toEqual({
      ok: true,
      data: { kind: "rider", platform: "美团", platformYears: 2, hasKids: false, kidsCount: null },
    });
  });

  it("applies requiredIf and shows a group's fields with it", () => {
    expect(validateSubmission(conditional, { kind: "none", hasKids: true }, zh)).toEqual({ ok: false, errors: { kidsCount: "请填写子女数" } });
    expect(validateSubmission(conditional, { kind: "none", hasKids: true, kidsCount: 1, school: " 一中 " }, zh)).toEqual({
      ok: true,
      data: { kind: "none", hasKids: true, kidsCount: 1, school: "一中", grade: null },
    });
  });

  it("says 请选择 for a missing choice", () => {
    expect(validateSubmission(conditional, {}, zh)).toEqual({ ok: false, errors: { kind: "请选择形态" } });
  });
});

describe("form-level rules", () => {
  const ruled = mustParse(
    form(
      [
        { key: "start", type: "date", label: label("开始日期") },
        { key: "end", type: "date", label: label("结束日期") },
        { key: "income", type: "money", label: label("收入"), required: true },
        { key: "size", type: "number", label: label("人口"), required: true, min: 1 },
      ],
      {
        rules: [
          { when: "start != null and end != null", assert: "date(end) >= date(start)", message: label("结束日期不能早于开始日期", "End date is before start date") },
          { assert: "income / size < 3000", message: label("人均收入须低于3000元", "Income per person must be under 3000") },
          { assert: "1 = 2", message: label("永远不通过", "Never passes") },
        ],
      },
    ),
    parseFormSchema,
  );

  it("keys a failed rule to the first field it reads, or _form when it reads none", () => {
    expect(validateSubmission(ruled, { start: "2026-05-02", end: "2026-05-01", income: 9000, size: 2 }, zh)).toEqual({
      ok: false,
      errors: { end: "结束日期不能早于开始日期", income: "人均收入须低于3000元", _form: "永远不通过" },
    });
    expect(validateSubmission(ruled, { start: "2026-05-02", end: "2026-05-01", income: 9000, size: 2 }, en)).toMatchObject({
      errors: { end: "End date is before start date" },
    });
  });

  it("skips a rule whose `when` is false, or that reads a field which is already wrong", () => {
    expect(validateSubmission(ruled, { start: "2026-05-02", income: 100, size: "x" }, zh)).toEqual({
      ok: false,
      errors: { size: "人口必须是数字", _form: "永远不通过" },
    });
  });
});

describe("validateSubmission: stored data is a fixed point", () => {
  const validValues = fc.record(
    {
      name: fc.string({ maxLength: 20 }).filter((s) => s.trim() !== ""),
      story: fc.string({ maxLength: 50 }),
      familySize: fc.integer({ min: 1, max: 20 }),
      income: fc.integer({ min: 0, max: 99_999_999 }).map((fen) => fen / 100),
      birthday: fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2026-05-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      industry: fc.constantFrom("a", "b", "c", null),
      needs: fc.subarray(["a", "b", "c"], { maxLength: 2 }),
      isMember: fc.boolean(),
      mobile: fc.stringMatching(/^1[3-9]\d{9}$/),
      consent: fc.constantFrom(true, { accepted: true, version: "v1" }),
    },
    { requiredKeys: ["name", "consent"] },
  );

  it("accepts generated valid values, and revalidating the output changes nothing", () => {
    fc.assert(
      fc.property(validValues, (input) => {
        const first = validateSubmission(everyType, input, zh);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(validateSubmission(everyType, first.data, zh)).toEqual(first);
      }),
    );
  });

  it("holds for arbitrary input too: whatever is accepted is stable", () => {
    const keys = everyType.fields.map((f) => f.key);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()))), (input) => {
        const first = validateSubmission(everyType, { ...input, name: "名", consent: true }, zh);
        if (first.ok) expect(validateSubmission(everyType, first.data, zh)).toEqual(first);
      }),
    );
  });
});
