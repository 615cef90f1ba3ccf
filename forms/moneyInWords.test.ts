import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { moneyInWords } from "./moneyInWords";

describe("moneyInWords", () => {
  it.each([
    [0, "零元整"],
    [1234.5, "壹仟贰佰叁拾肆元伍角整"],
    [10.05, "壹拾元零伍分"],
    [100000, "壹拾万元整"],
    [1004.07, "壹仟零肆元零柒分"],
    [1234567.89, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"],
    // 《支付结算办法》附一 examples
    [1409.5, "壹仟肆佰零玖元伍角整"],
    [6007.14, "陆仟零柒元壹角肆分"],
    [1680.32, "壹仟陆佰捌拾元叁角贰分"],
    [107000.53, "壹拾万柒仟元伍角叁分"],
    [16409.02, "壹万陆仟肆佰零玖元零贰分"],
    [325.04, "叁佰贰拾伍元零肆分"],
    [0.5, "伍角整"],
    [0.05, "伍分"],
    [0.55, "伍角伍分"],
    [10, "壹拾元整"],
    [100000000, "壹亿元整"],
    [100000001, "壹亿零壹元整"],
    [100001000, "壹亿零壹仟元整"],
    [10010000, "壹仟零壹万元整"],
    [1000000000000, "壹万亿元整"],
    [-12.3, "负壹拾贰元叁角整"],
  ])("%s → %s", (amount, words) => {
    expect(moneyInWords(amount)).toBe(words);
  });

  it("accepts decimal text and keeps big amounts exact", () => {
    expect(moneyInWords("9999999999999999.99")).toBe("玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
    expect(moneyInWords("0.00")).toBe("零元整");
  });

  it("refuses what is not an amount", () => {
    expect(() => moneyInWords(Number.NaN)).toThrow(RangeError);
    expect(() => moneyInWords("12abc")).toThrow(RangeError);
    expect(() => moneyInWords("1.234")).toThrow(RangeError);
    expect(() => moneyInWords("10000000000000000")).toThrow(RangeError);
  });

  it("never writes two 零 in a row, never ends with 零, and 整 only after 元 or 角", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), (fen) => {
        const text = `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
        const words = moneyInWords(text);
        expect(words).not.toMatch(/零零/);
        expect(words).not.toMatch(/零[元万亿角分整]/);
        if (words.endsWith("整")) expect(words).toMatch(/[元角]整$/);
        else expect(words).toMatch(/分$/);
      }),
    );
  });

  it("writes every non-zero digit of the amount, in order", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), (fen) => {
        const text = `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
        const digits = [...text.replace(".", "")].filter((d) => d !== "0").map((d) => "零壹贰叁肆伍陆柒捌玖"[Number(d)]).join("");
        expect([...moneyInWords(text)].filter((c) => "壹贰叁肆伍陆柒捌玖".includes(c)).join("")).toBe(digits);
      }),
    );
  });
});

describe("moneyInWords above 万亿", () => {
  it("shares 亿 between the 万亿 and 亿 groups", () => {
    expect(moneyInWords("100010000000000")).toBe("壹佰万零壹佰亿元整");
    expect(moneyInWords("1000100000000")).toBe("壹万零壹亿元整");
    expect(moneyInWords("10000000000000")).toBe("壹拾万亿元整");
  });
});
