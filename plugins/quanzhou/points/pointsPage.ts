import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { PluginPage, PluginPageContext } from "../../../workflows/pluginPages";
import { PluginRefusal } from "../../../workflows/pluginRefusal";
import { qzGifts, qzMembers, qzPointLedger, qzPointRules, qzRedemptions, qzVenues } from "../schema";
import type { PointsPageData } from "./pointsPageData";
import { redeemGift } from "./redeemGift";

async function load(ctx: PluginPageContext): Promise<PointsPageData> {
  const { db, user } = ctx;
  const [member] = await db.select({ balance: qzMembers.balance }).from(qzMembers).where(eq(qzMembers.userId, user.id));
  const ledger = await db.select().from(qzPointLedger).where(eq(qzPointLedger.userId, user.id)).orderBy(desc(qzPointLedger.createdAt), desc(qzPointLedger.id)).limit(50);
  const gifts = await db.select().from(qzGifts).where(and(eq(qzGifts.tenantId, user.tenantId), eq(qzGifts.active, true))).orderBy(asc(qzGifts.sort), asc(qzGifts.cost));
  const redemptions = await db
    .select({ r: qzRedemptions, name: qzGifts.name, nameEn: qzGifts.nameEn })
    .from(qzRedemptions)
    .innerJoin(qzGifts, eq(qzGifts.id, qzRedemptions.giftId))
    .where(eq(qzRedemptions.userId, user.id))
    .orderBy(desc(qzRedemptions.createdAt))
    .limit(10);
  // The district's own rule for a program wins over the default one.
  const rules = (await db.select().from(qzPointRules).where(inArray(qzPointRules.tenantId, [user.tenantId, "*"]))).sort((a, b) => (a.tenantId === "*" ? 1 : 0) - (b.tenantId === "*" ? 1 : 0));
  const seen = new Set<string>();
  const ways: PointsPageData["ways"] = [];
  for (const r of rules) {
    if (seen.has(r.programCode) || r.points === 0) continue;
    seen.add(r.programCode);
    ways.push({ reason: r.reason, reasonEn: r.reasonEn, points: r.points, perUnit: r.perField !== null, maxPoints: r.maxPoints });
  }
  for (const v of await db.select().from(qzVenues).where(and(eq(qzVenues.tenantId, user.tenantId), eq(qzVenues.active, true))).orderBy(asc(qzVenues.sort))) {
    if (v.pointsPerVisit > 0) ways.push({ reason: `场馆签到：${v.name}`, reasonEn: `Check in at ${v.nameEn || v.name}`, points: v.pointsPerVisit, perUnit: false, maxPoints: null });
  }
  return {
    balance: member?.balance ?? 0,
    ledger: ledger.map((l) => ({ id: l.id, delta: l.delta, balanceAfter: l.balanceAfter, reason: l.reason, reasonEn: l.reasonEn, at: l.createdAt.toISOString() })),
    gifts: gifts.map((g) => ({ id: g.id, name: g.name, nameEn: g.nameEn, cost: g.cost, stock: g.stock })),
    redemptions: redemptions.map(({ r, name, nameEn }) => ({ id: r.id, gift: name, giftEn: nameEn, points: r.points, pickupCode: r.pickupCode, at: r.createdAt.toISOString() })),
    ways,
  };
}

/** 兑换: one gift for its points; the view sends a fresh request key per press. */
async function redeem(ctx: PluginPageContext) {
  const giftId = typeof ctx.input.giftId === "string" ? ctx.input.giftId : "";
  const requestKey = typeof ctx.input.requestKey === "string" ? ctx.input.requestKey : "";
  if (!giftId || !/^[A-Za-z0-9_-]{8,64}$/.test(requestKey)) throw new PluginRefusal("badRequest", "请求无效，请刷新页面后重试", "Invalid request; reload the page and try again", 400);
  const r = await redeemGift(ctx.db, { tenantId: ctx.user.tenantId, userId: ctx.user.id, giftId, requestKey, at: ctx.now });
  return {
    message: { zh: `兑换成功：${r.gift.name}，领取码 ${r.pickupCode}，请到职工之家服务台出示领取`, en: `Redeemed ${r.gift.nameEn || r.gift.name}. Pickup code ${r.pickupCode}: show it at a workers' home front desk` },
    data: { pickupCode: r.pickupCode, balance: r.balance },
  };
}

export const pointsPage: PluginPage = {
  id: "quanzhou.points",
  title: { zh: "我的积分", en: "My points" },
  description: { zh: "会员积分余额与明细，积分兑换礼品", en: "Your points, where they came from, and gifts to redeem them for" },
  audience: "worker",
  load,
  actions: { redeem },
};
