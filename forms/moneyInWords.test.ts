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

/** A reader of 金额大写 for the tests only: words → amount in fen (分). */
function wordsToFen(words: string): bigint {
  const DIGIT = "零壹贰叁肆伍陆柒捌玖";
  const SMALL: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  const negative = words.startsWith("负");
  const body = words.replace(/^负/, "").replace(/整$/, "");
  const section = (s: string): bigint => {
    let acc = 0n;
    let digit = 0n;
    for (const ch of s) {
      if (DIGIT.includes(ch)) digit = BigInt(DIGIT.indexOf(ch));
      else if (SMALL[ch]) {
        acc += digit * SMALL[ch];
        digit = 0n;
      } else throw new Error(`unexpected ${ch} in ${words}`);
    }
    return acc + digit;
  };
  const integer = (s: string): bigint => {
    const yi = s.lastIndexOf("亿");
    if (yi >= 0) return integer(s.slice(0, yi)) * 100_000_000n + integer(s.slice(yi + 1));
    const wan = s.lastIndexOf("万");
    if (wan >= 0) return integer(s.slice(0, wan)) * 10_000n + integer(s.slice(wan + 1));
    return section(s);
  };
  const [yuanPart, rest] = body.includes("元") ? body.split("元") : ["", body];
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(rest);
  const fen = /([壹贰叁肆伍陆柒捌玖])分/.exec(rest);
  const total = integer(yuanPart) * 100n + BigInt(jiao ? DIGIT.indexOf(jiao[1]) : 0) * 10n + BigInt(fen ? DIGIT.indexOf(fen[1]) : 0);
  return negative ? -total : total;
}

describe("moneyInWords read back", () => {
  it("the published examples: 1234.56 → 壹仟贰佰叁拾肆元伍角陆分, and back", () => {
    expect(moneyInWords(1234.56)).toBe("壹仟贰佰叁拾肆元伍角陆分");
    expect(moneyInWords("1234.56")).toBe("壹仟贰佰叁拾肆元伍角陆分");
    expect(wordsToFen("壹仟贰佰叁拾肆元伍角陆分")).toBe(123456n);
    expect(wordsToFen("壹佰万零壹佰亿元整")).toBe(100010000000000n * 100n);
  });

  it("round trip: reading the words gives back the amount, to the fen, up to 10¹⁶ yuan", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.boolean(), (fen, negative) => {
        const text = `${negative ? "-" : ""}${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
        expect(wordsToFen(moneyInWords(text))).toBe(negative ? -fen : fen);
      }),
      { numRuns: 2000 },
    );
  });

  it("different amounts never share their words (the words are a faithful name of the amount)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (a, b) => {
        fc.pre(a !== b);
        const words = (fen: bigint) => moneyInWords(`${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`);
        expect(words(a)).not.toBe(words(b));
      }),
    );
  });

  it("numbers and their decimal text agree for every amount a money field can hold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (fen) => {
        expect(moneyInWords(fen / 100)).toBe(moneyInWords((fen / 100).toFixed(2)));
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
