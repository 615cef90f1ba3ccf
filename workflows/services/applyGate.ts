import type { Queryable } from "../../db/client";
import { getOrg } from "../../db/orgs";
import { applyRefusal, readProgramSettings, type ApplicantProfile, type Refusal } from "../programSettings";
import { CaseCommandError } from "../runtime/errors";
import type { SessionUser } from "./identity";

export async function applicantProfile(db: Queryable, user: SessionUser): Promise<ApplicantProfile> {
  const org = await getOrg(db, user.orgId);
  return { isMember: Boolean(user.memberNo), memberNo: user.memberNo, orgLevel: org?.level ?? "", orgName: user.orgName };
}

/** Why `user` may not apply to the program now (window, audience, eligibility rule), or null. */
export async function whyNotApply(db: Queryable, user: SessionUser, program: { settings: unknown }, at = new Date()): Promise<Refusal | null> {
  return applyRefusal(readProgramSettings(program.settings), await applicantProfile(db, user), at);
}

/** Refuse a submission the program's settings do not allow, before anything is written. */
export async function assertMayApply(db: Queryable, user: SessionUser, program: { settings: unknown }, at = new Date()): Promise<void> {
  const refusal = await whyNotApply(db, user, program, at);
  if (refusal) throw new CaseCommandError("notOpen", refusal.zh, refusal.en, 403);
}
