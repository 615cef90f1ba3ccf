import { and, eq } from "drizzle-orm";
import type { ServiceHandler } from "../../workflows/serviceHandlers";
import { idHash } from "./idHash";
import { medicalEnrollments } from "./schema";

/** 职工医疗互助 rules for the 31 critical illnesses. */
export const MEDICAL_AID = {
  perDay: 50,
  maxDays: 30,
  /** 20% of the self-paid costs, counting those costs up to 200,000 yuan (so at most 40,000 yuan). */
  copayRate: 0.2,
  maxCountedSelfPaid: 200_000,
} as const;

export type MedicalAid = { hospitalAid: number; copayAid: number; totalAid: number };

const isAmount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/**
 * 住院补助 50 yuan a day for at most 30 days, plus 20% of self-paid costs counted up to
 * 200,000 yuan. Worked in fen so that 20% of 12,345.67 is 2,469.13, not a float's 2469.1340000000002.
 * Null for a negative or missing amount.
 */
export function medicalAid(hospitalDays: unknown, selfPaid: unknown): MedicalAid | null {
  if (!isAmount(hospitalDays) || !isAmount(selfPaid)) return null;
  const days = Math.min(Math.floor(hospitalDays), MEDICAL_AID.maxDays);
  const hospitalFen = days * MEDICAL_AID.perDay * 100;
  const countedFen = Math.min(Math.round(selfPaid * 100), MEDICAL_AID.maxCountedSelfPaid * 100);
  const copayFen = Math.round(countedFen * MEDICAL_AID.copayRate);
  return { hospitalAid: hospitalFen / 100, copayAid: copayFen / 100, totalAid: (hospitalFen + copayFen) / 100 };
}

/** The year of a YYYY-MM-DD date: enrolment is per calendar year, the year the illness was diagnosed. */
function yearOf(date: unknown): number | null {
  return typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Number(date.slice(0, 4)) : null;
}

/**
 * Service task `xiamen.computeMedicalAid`: checks the claimant is on the 医疗互助 roll for the
 * year of diagnosis, and computes the amounts the approver confirms on the next step. The
 * results are form fields the applicant does not fill (`enrollment`, `hospitalAid`, `copayAid`,
 * `totalAid`), so the task page shows them, money with 金额大写. Reads only, so a retry is harmless.
 */
export const computeMedicalAid: ServiceHandler = async ({ db, data }) => {
  const aid = medicalAid(data.hospitalDays, data.selfPaid);
  if (!aid) throw new Error("住院天数或自付费用无效 / invalid hospital days or self-paid costs");
  const hash = idHash(data.idNumber);
  const year = yearOf(data.diagnosisDate);
  const [enrolled] =
    hash && year
      ? await db.select({ id: medicalEnrollments.id }).from(medicalEnrollments).where(and(eq(medicalEnrollments.year, year), eq(medicalEnrollments.idHash, hash)))
      : [];
  if (!enrolled) return { enrollment: "notFound", hospitalAid: 0, copayAid: 0, totalAid: 0 };
  return { enrollment: "enrolled", ...aid };
};
