import type { PluginForms } from "../types";
import { medicalAid } from "./medicalAidAmount";
import { transportSubsidy } from "./transportSubsidy";

/**
 * What 厦门 adds to forms, in the browser as on the server: the FEEL functions behind the
 * applicant's live estimates (预计补贴, 预计互助金). The service tasks compute the amounts the
 * approver confirms with the same functions.
 */
export const xiamenForms: PluginForms = {
  feelFunctions: {
    xiamen_transport_subsidy: transportSubsidy,
    xiamen_medical_aid: (days: unknown, selfPaid: unknown) => medicalAid(days, selfPaid)?.totalAid ?? null,
  },
};
