import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit, luhnValid } from "./luhn";

describe("Luhn", () => {
  it("agrees with published test numbers", () => {
    // The Luhn article's worked example, and the card networks' published test numbers
    // (Visa, Mastercard, American Express, Discover, JCB, 银联 UnionPay).
    for (const n of ["79927398713", "4111111111111111", "4012888888881881", "5555555555554444", "5105105105105100", "378282246310005", "6011111111111117", "3530111333300000", "6200000000000005"]) {
      expect(luhnValid(n), n).toBe(true);
    }
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("6222021234567890")).toBe(false);
  });

  it("a computed check digit makes a valid number; any single-digit change breaks it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11,18}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, posSeed, delta) => {
        const card = payload + luhnCheckDigit(payload);
        expect(luhnValid(card)).toBe(true);
        const pos = posSeed % card.length;
        const changed = card.slice(0, pos) + String((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });

  it("catches every swap of two adjacent different digits except 09 ↔ 90 (Luhn's known blind spot)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11,18}$/), fc.nat(), (payload, posSeed) => {
        const card = payload + luhnCheckDigit(payload);
        const pos = posSeed % (card.length - 1);
        const [a, b] = [card[pos], card[pos + 1]];
        fc.pre(a !== b && !((a === "0" && b === "9") || (a === "9" && b === "0")));
        expect(luhnValid(card.slice(0, pos) + b + a + card.slice(pos + 2))).toBe(false);
      }),
    );
  });

  it("refuses non-digits", () => {
    expect(luhnValid("4111 1111 1111 1111")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});
