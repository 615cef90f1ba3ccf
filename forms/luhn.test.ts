import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit, luhnValid } from "./luhn";

describe("Luhn", () => {
  it("agrees with published test numbers", () => {
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

  it("refuses non-digits", () => {
    expect(luhnValid("4111 1111 1111 1111")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});
