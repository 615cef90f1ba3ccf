import type { ServiceHandler } from "../../workflows/serviceHandlers";
import { exampleLedger } from "./schema";

/** 50 yuan per hospital day, at most 30 days. Registered as the FEEL function `example_allowance`. */
export function exampleAllowance(days: unknown): number | null {
  if (typeof days !== "number" || !Number.isFinite(days) || days < 0) return null;
  return Math.min(Math.floor(days), 30) * 50;
}

/**
 * Service task `example.recordAllowance`: writes the case's allowance to the plugin's own
 * table once (a retried job finds the row) and hands the amount to the case as `allowance`.
 */
export const recordAllowance: ServiceHandler = async ({ db, tenantId, caseId, jobKey, data }) => {
  const amount = exampleAllowance(data.days);
  if (amount === null) throw new Error("住院天数无效 / invalid number of days");
  await db.insert(exampleLedger).values({ id: jobKey, tenantId, entry: "allowance", caseId, amount }).onConflictDoNothing();
  return { allowance: amount };
};
