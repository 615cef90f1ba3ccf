import { and, eq } from "drizzle-orm";
import type { ServiceHandler } from "../../workflows/serviceHandlers";
import { idHash } from "./idHash";
import { medicalAid } from "./medicalAidAmount";
import { medicalEnrollments } from "./schema";

export { MEDICAL_AID, medicalAid, type MedicalAid } from "./medicalAidAmount";

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
