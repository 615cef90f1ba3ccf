// Pure rules, also bundled for the browser (plugins/xiamen/forms.ts): no database, no Node.
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
