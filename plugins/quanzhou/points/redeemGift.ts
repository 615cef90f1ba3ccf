import { randomInt, randomUUID } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { PluginRefusal } from "../../../workflows/pluginRefusal";
import type { QzDb } from "../qzDb";
import { qzGifts, qzRedemptions } from "../schema";
import { changePoints } from "./changePoints";
import { lockMember } from "./memberAccount";

export type Redemption = { redemptionId: string; pickupCode: string; balance: number; gift: { name: string; nameEn: string } };

const giftGone = () => new PluginRefusal("giftUnavailable", "该礼品已下架或不存在", "This gift is no longer offered", 404);
const soldOut = () => new PluginRefusal("soldOut", "该礼品已兑完", "This gift has run out", 409);

/**
 * Redeem points for a gift in one transaction: the points (refused below zero, under the
 * member's lock), one unit of stock (`stock > 0` in the update) and the redemption row with
 * its pickup code. The request key makes a double tap one redemption.
 */
export async function redeemGift(db: QzDb, input: { tenantId: string; userId: string; giftId: string; requestKey: string; at: Date }): Promise<Redemption> {
  return db.transaction(async (tx) => {
    // The member's lock first: a double tap's second request waits here, then finds the first one's redemption.
    const held = await lockMember(tx, input.tenantId, input.userId);
    const [done] = await tx
      .select({ id: qzRedemptions.id, pickupCode: qzRedemptions.pickupCode, name: qzGifts.name, nameEn: qzGifts.nameEn })
      .from(qzRedemptions)
      .innerJoin(qzGifts, eq(qzGifts.id, qzRedemptions.giftId))
      .where(and(eq(qzRedemptions.userId, input.userId), eq(qzRedemptions.requestKey, input.requestKey)));
    if (done) return { redemptionId: done.id, pickupCode: done.pickupCode, balance: held, gift: { name: done.name, nameEn: done.nameEn } };
    const [gift] = await tx.select().from(qzGifts).where(and(eq(qzGifts.id, input.giftId), eq(qzGifts.tenantId, input.tenantId), eq(qzGifts.active, true)));
    if (!gift) throw giftGone();
    const redemptionId = randomUUID();
    const { balance } = await changePoints(tx, {
      tenantId: input.tenantId,
      userId: input.userId,
      delta: -gift.cost,
      sourceKey: `redeem:${redemptionId}`,
      reason: `兑换：${gift.name}`,
      reasonEn: `Redeemed: ${gift.nameEn || gift.name}`,
      at: input.at,
    });
    const took = await tx.update(qzGifts).set({ stock: sql`${qzGifts.stock} - 1` }).where(and(eq(qzGifts.id, gift.id), gt(qzGifts.stock, 0))).returning({ id: qzGifts.id });
    if (took.length === 0) throw soldOut();
    const pickupCode = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.insert(qzRedemptions).values({ id: redemptionId, tenantId: input.tenantId, userId: input.userId, giftId: gift.id, points: gift.cost, pickupCode, requestKey: input.requestKey, createdAt: input.at });
    return { redemptionId, pickupCode, balance, gift: { name: gift.name, nameEn: gift.nameEn } };
  });
}
