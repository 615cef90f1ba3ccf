import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { medicalAid } from "./medicalAid";

describe("职工医疗互助 amounts", () => {
  it("50 yuan per hospital day plus 20% of self-paid costs", () => {
    expect(medicalAid(10, 8000)).toEqual({ hospitalAid: 500, copayAid: 1600, totalAid: 2100 });
  });

  it("counts at most 30 days", () => {
    expect(medicalAid(30, 0)?.hospitalAid).toBe(1500);
    expect(medicalAid(31, 0)?.hospitalAid).toBe(1500);
    expect(medicalAid(365, 0)?.hospitalAid).toBe(1500);
  });

  it("counts self-paid costs up to 200,000 yuan, so the 20% is at most 40,000", () => {
    expect(medicalAid(0, 200_000)?.copayAid).toBe(40_000);
    expect(medicalAid(0, 200_000.01)?.copayAid).toBe(40_000);
    expect(medicalAid(0, 1_500_000)).toEqual({ hospitalAid: 0, copayAid: 40_000, totalAid: 40_000 });
    expect(medicalAid(45, 999_999)).toEqual({ hospitalAid: 1500, copayAid: 40_000, totalAid: 41_500 });
  });

  it("zero days (treated without admission) pays only the 20%; nothing paid, nothing owed", () => {
    expect(medicalAid(0, 12_345.67)).toEqual({ hospitalAid: 0, copayAid: 2469.13, totalAid: 2469.13 });
    expect(medicalAid(0, 0)).toEqual({ hospitalAid: 0, copayAid: 0, totalAid: 0 });
  });

  it("works in fen: no float noise in the amounts", () => {
    expect(medicalAid(3, 0.05)).toEqual({ hospitalAid: 150, copayAid: 0.01, totalAid: 150.01 });
    expect(medicalAid(1, 333.33)).toEqual({ hospitalAid: 50, copayAid: 66.67, totalAid: 116.67 });
  });

  it("refuses negative or missing amounts", () => {
    expect(medicalAid(-1, 100)).toBeNull();
    expect(medicalAid(1, -100)).toBeNull();
    expect(medicalAid(null, 100)).toBeNull();
    expect(medicalAid("3", 100)).toBeNull();
  });

  it("the form lists exactly the 31 critical illnesses, each once", () => {
    const form = JSON.parse(readFileSync(new URL("./programs/medicalAid/form.json", import.meta.url), "utf8")) as { fields: { key: string; options?: { value: string; label: { zh: string } }[] }[] };
    const options = form.fields.find((f) => f.key === "diagnosis")!.options!;
    expect(options).toHaveLength(31);
    expect(new Set(options.map((o) => o.value)).size).toBe(31);
    expect(new Set(options.map((o) => o.label.zh)).size).toBe(31);
    expect(options.map((o) => o.label.zh)).toContain("恶性肿瘤");
  });
});
