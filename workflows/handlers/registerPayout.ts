import type { ServiceHandler } from "../serviceHandlers";
import { chinaYearMonth } from "../../db/counters";

/**
 * 登记发放: after publicity passes, the award joins this month's payout batch for the finance
 * office (status 待发放). It only reads the case, so a retried job records the same thing.
 */
export const registerPayout: ServiceHandler = async ({ data }) => {
  const amount = typeof data.amount === "number" ? data.amount : Number(data.amount);
  if (!Number.isFinite(amount) || amount <= 0) throw new Error("资助金额无效 / the award amount is missing");
  const { year, month } = chinaYearMonth(new Date());
  return { payout: { status: "pending", amount, batch: `${year}-${month}` } };
};
