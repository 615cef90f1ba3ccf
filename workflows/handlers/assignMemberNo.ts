import { and, eq, isNull } from "drizzle-orm";
import type { ServiceHandler } from "../serviceHandlers";
import { users } from "../../db/schema";
import { chinaYearMonth, nextCounter } from "../../db/counters";
import { getOrgChain } from "../../db/orgs";

/**
 * 发放会员编号: gives the applicant a membership number `<district>-<year>-<seq:6>` unless they
 * already have one, so a job retried after a crash hands out no second number.
 */
export const assignMemberNo: ServiceHandler = async ({ db, applicantId }) => {
  const [user] = await db.select().from(users).where(eq(users.id, applicantId));
  if (!user) throw new Error("申请人不存在 / applicant not found");
  if (user.memberNo) return { memberNo: user.memberNo };
  const chain = await getOrgChain(db, user.orgId);
  const district = chain.find((o) => o.level === "district") ?? chain.at(-1);
  const now = new Date();
  const year = chinaYearMonth(now).year;
  return db.transaction(async (tx) => {
    const seq = await nextCounter(tx, user.tenantId, `member:${year}`);
    const memberNo = `${(district?.id ?? "NJ").toUpperCase()}${year}${String(seq).padStart(6, "0")}`;
    const updated = await tx
      .update(users)
      .set({ memberNo, memberSince: now })
      .where(and(eq(users.id, applicantId), isNull(users.memberNo)))
      .returning({ memberNo: users.memberNo });
    if (updated.length === 0) {
      // Someone else (a concurrent retry) got there first; keep theirs.
      const [again] = await tx.select({ memberNo: users.memberNo }).from(users).where(eq(users.id, applicantId));
      return { memberNo: again?.memberNo ?? null };
    }
    return { memberNo };
  });
};
