import { describe, expect, it } from "vitest";
import { fullRegionSource } from "../../forms/regions/fullRegionData";
import { REGION_ROOT } from "../../forms/regions/regionSource";
import { transportSubsidy, transportTierOf, transportTiers } from "./transportSubsidy";

const hukou = (province: string, city: string) => ({ codes: [province, city], names: ["", ""] });

describe("平安返厦 subsidy table", () => {
  it("puts every mainland province in exactly one tier", () => {
    const provinces = (fullRegionSource.children(REGION_ROOT) ?? []).map((p) => p.code);
    expect(provinces).toHaveLength(31);
    const listed = transportTiers.flatMap((t) => t.provinces);
    expect([...listed].sort()).toEqual([...provinces].sort());
  });

  it("pays by the 户籍 province, never more than the fare", () => {
    expect(transportSubsidy(hukou("35", "3505"), 180)).toBe(100); // 泉州: within Fujian
    expect(transportSubsidy(hukou("36", "3601"), 260)).toBe(200); // 南昌
    expect(transportSubsidy(hukou("51", "5113"), 620.5)).toBe(400); // 四川
    expect(transportSubsidy(hukou("65", "6501"), 1200)).toBe(500); // 新疆
    expect(transportSubsidy(hukou("51", "5113"), 88.8)).toBe(88.8);
  });

  it("pays nothing to a Xiamen 户籍, an unknown province or without a fare", () => {
    expect(transportSubsidy(hukou("35", "3502"), 300)).toBeNull();
    expect(transportTierOf(hukou("35", "3502"))).toBeNull();
    expect(transportSubsidy(hukou("99", "9901"), 300)).toBeNull();
    expect(transportSubsidy(hukou("36", "3601"), 0)).toBeNull();
    expect(transportSubsidy(null, 300)).toBeNull();
  });

  it("accepts a bare region code too (for FEEL conditions)", () => {
    expect(transportSubsidy("360102", 500)).toBe(200);
    expect(transportSubsidy("350206", 500)).toBeNull();
  });
});
