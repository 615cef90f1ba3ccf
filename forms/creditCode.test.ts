import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, validateCreditCode } from "./creditCode";

const codeChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const validCreditCode = fc
  .tuple(fc.array(codeChar, { minLength: 2, maxLength: 2 }), fc.stringMatching(/^\d{6}$/), fc.array(codeChar, { minLength: 9, maxLength: 9 }))
  .map(([head, region, org]) => {
    const first17 = head.join("") + region + org.join("");
    return first17 + creditCodeCheckChar(first17);
  });

describe("validateCreditCode (GB 32100-2015)", () => {
  it("accepts 91350100M000100Y43 and a lowercase copy", () => {
    expect(validateCreditCode("91350100M000100Y43")).toEqual({ ok: true, normalized: "91350100M000100Y43" });
    expect(validateCreditCode("91350100m000100y43").ok).toBe(true);
  });

  it("accepts codes printed on real business licences (a wrong check would pass by chance once in 31)", () => {
    for (const code of ["914403001922038216", "9144030071526726XG", "91330100716105852F", "91110000100005220B", "91110108551385082Q", "911100001000079554", "91110000710925462X"]) {
      expect(validateCreditCode(code), code).toEqual({ ok: true, normalized: code });
    }
  });

  it("catches every swap of two adjacent different characters (MOD 31 with these weights)", () => {
    fc.assert(
      fc.property(validCreditCode, fc.integer({ min: 0, max: 15 }), (code, pos) => {
        fc.pre(code[pos] !== code[pos + 1] && (pos < 1 || pos > 7 || (/\d/.test(code[pos]) && /\d/.test(code[pos + 1]))));
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(validateCreditCode(swapped).ok).toBe(false);
      }),
    );
  });

  it("accepts every code whose check character is computed", () => {
    fc.assert(fc.property(validCreditCode, (code) => validateCreditCode(code).ok));
  });

  it("refuses a code with one character of the first 17 replaced", () => {
    fc.assert(
      fc.property(validCreditCode, fc.integer({ min: 0, max: 16 }), codeChar, (code, pos, c) => {
        fc.pre(c !== code[pos] && (pos < 2 || pos > 7 || /\d/.test(c)));
        const changed = code.slice(0, pos) + c + code.slice(pos + 1);
        expect(validateCreditCode(changed)).toEqual({ ok: false, problem: "checkChar" });
      }),
    );
  });

  it("refuses letters outside the charset (I O Z S V) and wrong lengths as shape problems", () => {
    expect(validateCreditCode("91350100M000100Y4")).toEqual({ ok: false, problem: "shape" });
    expect(validateCreditCode("91350100O000100Y43")).toEqual({ ok: false, problem: "shape" });
    expect(validateCreditCode("913501A0M000100Y43")).toEqual({ ok: false, problem: "shape" });
  });
});
