import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar, parseIdNumber, validateIdNumber } from "./idNumber";

const NOW = new Date("2026-06-01T00:00:00+08:00");

const provinces = ["11", "12", "31", "35", "44", "50", "65", "81"];
/** A well-formed 身份证号 with a correct check character, born 1900-01-01 .. 2025-12-31. */
const validIdNumber = fc
  .record({
    province: fc.constantFrom(...provinces),
    rest: fc.stringMatching(/^\d{4}$/),
    birth: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true }),
    seq: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ province, rest, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
    const first17 = province + rest + ymd + seq;
    return first17 + idNumberCheckChar(first17);
  });

describe("validateIdNumber", () => {
  it("accepts the published example 11010519491231002X, and a lowercase x", () => {
    expect(validateIdNumber("11010519491231002X", NOW)).toEqual({ ok: true, normalized: "11010519491231002X" });
    expect(validateIdNumber(" 11010519491231002x ", NOW)).toEqual({ ok: true, normalized: "11010519491231002X" });
  });

  it("computes the check characters of GB 11643-1999's examples", () => {
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    expect(idNumberCheckChar("44052418800101001")).toBe("4"); // 440524188001010014 (born 1880: refused as a birth date today, but the check holds)
    expect(validateIdNumber("440524188001010014", NOW)).toEqual({ ok: false, problem: "birthDate" });
  });

  it("catches every swap of two adjacent different characters among the first 17 (MOD 11-2)", () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 15 }), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(validateIdNumber(swapped, NOW).ok).toBe(false);
      }),
    );
  });

  it("accepts every ID whose check character is computed", () => {
    fc.assert(fc.property(validIdNumber, (id) => validateIdNumber(id, NOW).ok));
  });

  it("refuses an ID with any one digit of the first 17 changed (MOD 11-2 catches every single substitution)", () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(validateIdNumber(changed, NOW).ok).toBe(false);
      }),
    );
  });

  it("refuses a wrong check character with the checkDigit problem", () => {
    fc.assert(
      fc.property(validIdNumber, fc.constantFrom(..."0123456789X"), (id, c) => {
        fc.pre(c !== id[17]);
        expect(validateIdNumber(id.slice(0, 17) + c, NOW)).toEqual({ ok: false, problem: "checkDigit" });
      }),
    );
  });

  it("names the problem: length, characters, region, birth date", () => {
    expect(validateIdNumber("1101051949123100", NOW)).toEqual({ ok: false, problem: "length" });
    expect(validateIdNumber("11010519491231002Y", NOW)).toEqual({ ok: false, problem: "chars" });
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
    expect(validateIdNumber(withCheck("99010519491231002"), NOW)).toEqual({ ok: false, problem: "region" });
    expect(validateIdNumber(withCheck("11010519490230002"), NOW)).toEqual({ ok: false, problem: "birthDate" }); // 2月30日
    expect(validateIdNumber(withCheck("11010518991231002"), NOW)).toEqual({ ok: false, problem: "birthDate" });
    expect(validateIdNumber(withCheck("11010520260602002"), NOW)).toEqual({ ok: false, problem: "birthDate" }); // tomorrow
    expect(validateIdNumber(withCheck("11010520000229002"), NOW).ok).toBe(true); // leap day
  });
});

describe("parseIdNumber", () => {
  it("reads birth date, gender and age from the 17th digit and the birth date", () => {
    expect(parseIdNumber("11010519491231002X", NOW)).toEqual({ birthDate: "1949-12-31", gender: "female", age: 76 });
    const male = "11010519491231001" + idNumberCheckChar("11010519491231001");
    expect(parseIdNumber(male, NOW)?.gender).toBe("male");
  });

  it("counts age in China's calendar: the birthday is reached at midnight Beijing time", () => {
    const id = "11010520000601002" + idNumberCheckChar("11010520000601002");
    expect(parseIdNumber(id, new Date("2026-05-31T15:59:59Z"))?.age).toBe(25);
    expect(parseIdNumber(id, new Date("2026-05-31T16:00:00Z"))?.age).toBe(26);
  });

  it("is null for an invalid ID", () => {
    expect(parseIdNumber("110105194912310021", NOW)).toBeNull();
  });
});
