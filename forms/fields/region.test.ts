import { afterEach, describe, expect, it } from "vitest";
import { displayValue } from "../displayValue";
import { fullRegionSource } from "../regions/fullRegionData";
import { installRegionSource, rememberedRegionSource, rememberRegionChildren } from "../regions/regionSource";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

const zh = { locale: "zh" as const };
const schema = mustParse(
  form([
    { key: "home", type: "region", label: label("户籍地", "Home"), required: true },
    { key: "work", type: "region", label: label("工作街道", "Work street"), level: "street", within: "3502" },
    { key: "prov", type: "region", label: label("省份"), level: "province" },
  ]),
  parseFormSchema,
);
const huli = ["35", "3502", "350206"];

describe("region cascade field", () => {
  afterEach(() => installRegionSource(fullRegionSource));

  it("stores codes with the names from the data, whatever names the client sent", () => {
    const result = validateSubmission(schema, { home: { codes: huli, names: ["x", "y", "z"] }, work: { codes: [...huli, "350206003"] }, prov: { codes: ["11"] } }, zh);
    expect(result).toEqual({
      ok: true,
      data: {
        home: { codes: huli, names: ["福建省", "厦门市", "湖里区"] },
        work: { codes: [...huli, "350206003"], names: ["福建省", "厦门市", "湖里区", "禾山街道"] },
        prov: { codes: ["11"], names: ["北京市"] },
      },
    });
    if (result.ok) expect(displayValue(schema.fields[1], result.data.work, "zh")).toBe("福建省厦门市湖里区禾山街道");
  });

  it("drops the statistics fillers (市辖区) from the displayed address", () => {
    const result = validateSubmission(schema, { home: { codes: ["11", "1101", "110105"] } }, zh);
    expect(result.ok && displayValue(schema.fields[0], result.data.home, "zh")).toBe("北京市朝阳区");
  });

  it("refuses chains that do not exist, are broken, stop short, go too deep or leave `within`", () => {
    const home = (codes: string[]) => validateSubmission(schema, { home: { codes } }, zh);
    expect(home(["35", "3502", "350299"])).toEqual({ ok: false, errors: { home: "户籍地中的地区不存在" } });
    expect(home(["35", "3301", "330102"])).toEqual({ ok: false, errors: { home: "户籍地中的地区不存在" } }); // 杭州 under 福建
    expect(home(["35", "3502"])).toEqual({ ok: false, errors: { home: "请选择完整的户籍地（选到区县）" } });
    expect(home([])).toEqual({ ok: false, errors: { home: "请选择户籍地" } });
    expect(home([...huli, "350206003"])).toEqual({ ok: false, errors: { home: "户籍地中的地区不存在" } });
    const work = validateSubmission(schema, { home: { codes: huli }, work: { codes: ["35", "3501", "350102", "350102001"] } }, zh);
    expect(work).toEqual({ ok: false, errors: { work: "工作街道须在3502范围内" } });
  });

  it("refuses type confusion and oversized input", () => {
    for (const bad of ["福建省厦门市", ["35"], { codes: "35" }, { codes: [35] }, { codes: huli, extra: 1 }, { codes: Array(5).fill("35") }, { codes: ["3".repeat(100)] }]) {
      expect(validateSubmission(schema, { home: bad }, zh)).toEqual({ ok: false, errors: { home: "户籍地格式不正确" } });
    }
  });

  it("in a browser (only fetched levels known) checks what it has seen and leaves the rest to the server", () => {
    installRegionSource(rememberedRegionSource);
    rememberRegionChildren("0", [{ code: "35", name: "福建省" }]);
    const result = validateSubmission(schema, { home: { codes: huli, names: ["福建", "厦门市", "湖里区"] } }, zh);
    expect(result).toEqual({ ok: true, data: { home: { codes: huli, names: ["福建省", "厦门市", "湖里区"] }, work: null, prov: null } });
    expect(validateSubmission(schema, { home: { codes: ["36", "3601", "360102"] } }, zh).ok).toBe(false);
  });

  it("checks the definition: within above the asked level", () => {
    const result = parseFormSchema(form([{ key: "r", type: "region", label: label("地区"), level: "city", within: "350206" }]));
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(["within_too_deep"]);
    expect(parseFormSchema(form([{ key: "r", type: "region", label: label("地区"), within: "35a" }])).ok).toBe(false);
  });
});
