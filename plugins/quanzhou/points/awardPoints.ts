import type { ServiceHandler } from "../../../workflows/serviceHandlers";
import { changePoints } from "./changePoints";
import { pointRuleFor, pointsFor } from "./pointRule";

/**
 * Service task `quanzhou.awardPoints`: a flow calls it once a program is granted (after the
 * approval step). How many points comes from p_quanzhou_point_rules for the program; the
 * case id is the source key, so a retried job awards once.
 */
export const awardPoints: ServiceHandler = async ({ db, tenantId, caseId, programCode, applicantId, data }) => {
  const rule = await pointRuleFor(db, tenantId, programCode);
  const points = rule ? pointsFor(rule, data) : 0;
  if (!rule || points <= 0) return { pointsAwarded: 0 };
  const { balance } = await db.transaction((tx) =>
    changePoints(tx, { tenantId, userId: applicantId, delta: points, sourceKey: `case:${caseId}`, reason: rule.reason, reasonEn: rule.reasonEn, caseId, at: new Date() }),
  );
  return { pointsAwarded: points, pointsBalance: balance };
};
