import type { Queryable } from "../../db/client";
import { getOrgChain, roleHoldersAt } from "../../db/orgs";
import type { Directory } from "../types";

/**
 * What the pure engine needs to resolve approvers: the applicant's org chain with the
 * approvers and admins bound at each level, loaded fresh for every step.
 */
export async function loadDirectory(db: Queryable, applicantId: string, applicantOrgId: string, programOwnerOrgId?: string): Promise<Directory> {
  const chain = await getOrgChain(db, applicantOrgId);
  const ids = chain.map((o) => o.id);
  const [approvers, admins] = await Promise.all([roleHoldersAt(db, ids, "approver"), roleHoldersAt(db, ids, "admin")]);
  const ownerAdmins = programOwnerOrgId ? (await roleHoldersAt(db, [programOwnerOrgId], "admin")).get(programOwnerOrgId) ?? [] : [];
  return {
    applicantId,
    chain: chain.map((o) => ({
      orgId: o.id,
      level: o.level,
      name: o.name,
      roles: { approver: approvers.get(o.id) ?? [], admin: admins.get(o.id) ?? [] },
    })),
    programAdmins: ownerAdmins,
  };
}
