import transportTable from "./data/transportSubsidy.json";
import type { ServiceHandler } from "../../workflows/serviceHandlers";

type Tier = { tier: number; label: { zh: string; en: string }; amount: number; provinces: string[] };

/** The 平安返厦 table (data/transportSubsidy.json): yuan per person by the province of 户籍, in distance tiers. */
// Imported, not read from disk: the function runs in the browser too (plugins/xiamen/forms.ts).
export const transportTiers: Tier[] = (transportTable as { tiers: Tier[] }).tiers;

const tierByProvince = new Map(transportTiers.flatMap((t) => t.provinces.map((p) => [p, t] as const)));

/** 厦门市's region code: a 户籍 here is not eligible (the subsidy is for workers from elsewhere). */
export const XIAMEN_CITY_CODE = "3502";

/** The codes of a region answer ({codes: ["36", "3601"]}) or a bare code string. */
function codesOf(hukou: unknown): string[] {
  if (typeof hukou === "string") return [hukou.slice(0, 2), hukou.slice(0, 4)].filter((c) => c.length > 0);
  const codes = (hukou as { codes?: unknown } | null)?.codes;
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === "string") : [];
}

export function transportTierOf(hukou: unknown): Tier | null {
  const [province, city] = codesOf(hukou);
  if (!province || city?.startsWith(XIAMEN_CITY_CODE)) return null;
  return tierByProvince.get(province.slice(0, 2)) ?? null;
}

/**
 * The subsidy in yuan: the tier's amount for the 户籍 province, never more than the fare paid.
 * Null when there is none (厦门户籍, unknown province, no fare). Registered as the FEEL function
 * `xiamen_transport_subsidy(hukou, fare)`.
 */
export function transportSubsidy(hukou: unknown, fare: unknown): number | null {
  const tier = transportTierOf(hukou);
  if (!tier || typeof fare !== "number" || !Number.isFinite(fare) || fare <= 0) return null;
  return Math.min(tier.amount * 100, Math.round(fare * 100)) / 100;
}

/**
 * Service task `xiamen.computeTransportSubsidy`: the amount the street office approves, put in
 * the case as `subsidy` (a form field the applicant does not fill, shown to the approver).
 * Pure on the case's data, so a retried job computes the same.
 */
export const computeTransportSubsidy: ServiceHandler = async ({ data }) => {
  const subsidy = transportSubsidy(data.hukou, data.fare);
  if (subsidy === null) throw new Error("户籍地或票价无效，无法计算补贴 / no subsidy for this household registration or fare");
  return { subsidy, subsidyTier: transportTierOf(data.hukou)!.tier };
};
