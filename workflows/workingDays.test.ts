import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addWorkingDays, isWorkingDay } from "./workingDays";

describe("working days (China Standard Time)", () => {
  it("skips weekends", () => {
    // Friday 2026-11-20 15:00 Beijing = 07:00Z
    expect(addWorkingDays("2026-11-20T07:00:00.000Z", 1)).toBe("2026-11-23T07:00:00.000Z");
    expect(addWorkingDays("2026-11-20T07:00:00.000Z", 5)).toBe("2026-11-27T07:00:00.000Z");
  });

  it("uses Beijing dates, not UTC dates", () => {
    // Friday 2026-11-20 23:30 Beijing is still Friday 15:30Z; +1 working day lands on Monday.
    expect(addWorkingDays("2026-11-20T15:30:00.000Z", 1)).toBe("2026-11-23T15:30:00.000Z");
  });

  it("skips holidays and counts 调休 weekend working days", () => {
    const calendar = { holidays: ["2026-10-01", "2026-10-02", "2026-10-05"], workdays: ["2026-10-10"] };
    expect(isWorkingDay("2026-10-10", calendar)).toBe(true);
    // Wed 2026-09-30 10:00 Beijing + 2 working days: Oct 1, 2 holidays, 3–4 weekend, 5 holiday → Oct 6, 7.
    expect(addWorkingDays("2026-09-30T02:00:00.000Z", 2, calendar)).toBe("2026-10-07T02:00:00.000Z");
  });

  it("never lands on a weekend and always moves forward", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }), fc.integer({ min: 1, max: 40 }), (start, days) => {
        const due = addWorkingDays(start.toISOString(), days);
        const beijing = new Date(Date.parse(due) + 8 * 3_600_000);
        expect([0, 6]).not.toContain(beijing.getUTCDay());
        expect(Date.parse(due)).toBeGreaterThan(start.getTime());
        expect(Date.parse(due) - start.getTime()).toBeLessThanOrEqual(Math.ceil(days / 5 + 1) * 7 * 86_400_000);
      }),
    );
  });
});
