import { eq } from "drizzle-orm";
import type { AdmissionHook } from "../../workflows/admissionHooks";
import { PluginRefusal } from "../../workflows/pluginRefusal";
import { idHash } from "./idHash";
import { transportClaims } from "./schema";

/** The template key of 平安返厦: every district's copy of the program shares the one claim table. */
export const TRANSPORT_PROGRAM_KEY = "xiamen-transport";

/** The year a claim counts against: the year of arrival (返厦日期), whenever the form was sent. */
export function travelYearOf(travelDate: unknown): number | null {
  return typeof travelDate === "string" && /^\d{4}-\d{2}-\d{2}$/.test(travelDate) ? Number(travelDate.slice(0, 4)) : null;
}

export const alreadyClaimed = () =>
  new PluginRefusal(
    "alreadyClaimed",
    "该身份证号今年已申请过平安返厦补贴，全市各区合计每人每年限申请一次",
    "This ID number has already claimed the Safe Return subsidy this year; one claim per person per year across all districts of Xiamen",
    409,
    { idNumber: "该身份证号今年已申请过 / already claimed this year" },
  );

/**
 * One application per ID number per year across all districts. The claim row is inserted in
 * the case's own transaction (an index lookup on the primary key); a withdrawn or rejected case
 * gives its claim back, so the person may apply again.
 */
export const transportClaimHook: AdmissionHook = {
  programKey: TRANSPORT_PROGRAM_KEY,
  async hold({ tx, tenantId, caseId, data }) {
    const year = travelYearOf(data.travelDate);
    const hash = idHash(data.idNumber);
    // The form's validator guarantees both; a program edited to drop them must not slip through.
    if (year === null || hash === null) throw new PluginRefusal("invalidData", "缺少身份证号或返厦日期", "The ID number or the date of arrival is missing", 422);
    const inserted = await tx
      .insert(transportClaims)
      .values({ year, idHash: hash, caseId, tenantId })
      .onConflictDoNothing()
      .returning({ caseId: transportClaims.caseId });
    if (inserted.length === 0) throw alreadyClaimed();
  },
  async release({ tx, caseId }) {
    await tx.delete(transportClaims).where(eq(transportClaims.caseId, caseId));
  },
};

