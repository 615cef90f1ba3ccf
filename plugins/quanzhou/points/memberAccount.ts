import { eq } from "drizzle-orm";
import type { QzDb } from "../qzDb";
import { qzMembers } from "../schema";

/**
 * Lock the member's row (creating it at 0 points the first time) and return the balance.
 * Everything that changes a member's points or counts their bookings holds this lock first,
 * so two of their requests never decide on the same stale numbers.
 */
export async function lockMember(tx: QzDb, tenantId: string, userId: string): Promise<number> {
  await tx.insert(qzMembers).values({ userId, tenantId }).onConflictDoNothing();
  const [row] = await tx.select({ balance: qzMembers.balance }).from(qzMembers).where(eq(qzMembers.userId, userId)).for("update");
  return row?.balance ?? 0;
}
