import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { PluginRefusal } from "../../../workflows/pluginRefusal";
import type { QzDb } from "../qzDb";
import { qzMembers, qzPointLedger } from "../schema";
import { lockMember } from "./memberAccount";

export type PointsChange = {
  tenantId: string;
  userId: string;
  /** Positive to earn, negative to spend. */
  delta: number;
  /** What the points are for; a second change with the same key changes nothing. */
  sourceKey: string;
  reason: string;
  reasonEn: string;
  caseId?: string | null;
  at: Date;
};

export const notEnoughPoints = (balance: number, cost: number) =>
  new PluginRefusal("notEnoughPoints", `积分不足：需要 ${cost} 分，当前余额 ${balance} 分`, `Not enough points: ${cost} needed, ${balance} available`, 409);

/**
 * Append one ledger row and move the balance with it, inside `tx`, under the member's lock:
 * a retried award (same source key) is a no-op, and a spend that would go below zero is
 * refused. Two spends racing for the last points queue on the lock; the second sees the
 * first one's balance.
 */
export async function changePoints(tx: QzDb, change: PointsChange): Promise<{ balance: number; applied: boolean }> {
  if (!Number.isInteger(change.delta) || change.delta === 0) throw new Error(`points change must be a non-zero integer, got ${change.delta}`);
  const balance = await lockMember(tx, change.tenantId, change.userId);
  const [done] = await tx.select({ id: qzPointLedger.id }).from(qzPointLedger).where(eq(qzPointLedger.sourceKey, change.sourceKey));
  if (done) return { balance, applied: false };
  const after = balance + change.delta;
  if (after < 0) throw notEnoughPoints(balance, -change.delta);
  await tx.update(qzMembers).set({ balance: after, updatedAt: change.at }).where(eq(qzMembers.userId, change.userId));
  await tx.insert(qzPointLedger).values({
    id: randomUUID(),
    tenantId: change.tenantId,
    userId: change.userId,
    delta: change.delta,
    balanceAfter: after,
    sourceKey: change.sourceKey,
    reason: change.reason,
    reasonEn: change.reasonEn,
    caseId: change.caseId ?? null,
    createdAt: change.at,
  });
  return { balance: after, applied: true };
}
