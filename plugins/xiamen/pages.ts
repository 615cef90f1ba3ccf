import type { PluginPage, PluginPageContext } from "../../workflows/pluginPages";
import { PluginRefusal } from "../../workflows/pluginRefusal";
import { createPayoutBatch, downloadPayoutBatch, payoutOverview, type PayoutActor } from "./payouts";
import { claimWish, fulfilWish, WISH_PROGRAM_KEY, wishWall, type WishActor, type WishCard } from "./wishes";

const wishActor = (ctx: PluginPageContext): WishActor => ({
  db: ctx.db,
  userId: ctx.user.id,
  districtIds: ctx.districts.map((d) => d.id),
  now: ctx.now,
  audit: (tx, entry) => ctx.audit(tx as Parameters<PluginPageContext["audit"]>[0], entry),
});

const caseIdOf = (ctx: PluginPageContext) => String(ctx.input.caseId ?? "");

export type WishWallData = { districtName: string; applyProgramId: string | null; wishes: WishCard[] };

/** 心愿墙: every wish of the worker's district and its state; any signed-in person of the district may claim one. */
export const wishWallPage: PluginPage = {
  id: "xiamen.wishes",
  title: { zh: "心愿墙", en: "Wish wall" },
  audience: "worker",
  async load(ctx): Promise<WishWallData> {
    const district = ctx.districts[0];
    return { districtName: district.name, applyProgramId: await ctx.programIdFor(WISH_PROGRAM_KEY), wishes: await wishWall(ctx.db, district, ctx.user.id) };
  },
  actions: {
    async claim(ctx) {
      await claimWish(wishActor(ctx), caseIdOf(ctx));
      return { message: { zh: "认领成功，请与工会联系转交心愿物品", en: "Claimed. The union will tell you how to hand over the gift." } };
    },
    async fulfil(ctx) {
      await fulfilWish(wishActor(ctx), caseIdOf(ctx));
      return { message: { zh: "感谢您帮助实现了这个心愿", en: "Thank you for making this wish come true" } };
    },
  },
};

function payoutActor(ctx: PluginPageContext): PayoutActor {
  return {
    db: ctx.db,
    userId: ctx.user.id,
    now: ctx.now,
    audit: (tx, entry) => ctx.audit(tx as Parameters<PluginPageContext["audit"]>[0], entry),
    openData: (data) => ctx.openCaseData(data),
  };
}

function districtOf(ctx: PluginPageContext) {
  const wanted = String(ctx.input.districtId ?? ctx.districts[0]?.id ?? "");
  const district = ctx.districts.find((d) => d.id === wanted);
  if (!district) throw new PluginRefusal("notYourDistrict", "您不是该区的管理员", "You are not an admin of that district", 403);
  return district;
}

/** 平安返厦发放批次: district admins turn approved claims into the bank's payout file (CSV), audited. */
export const payoutsPage: PluginPage = {
  id: "xiamen.payouts",
  title: { zh: "平安返厦发放批次", en: "Safe Return payouts" },
  audience: "admin",
  load: (ctx) => payoutOverview(ctx.db, ctx.districts),
  actions: {
    async createBatch(ctx) {
      const file = await createPayoutBatch(payoutActor(ctx), districtOf(ctx));
      return { file: { fileName: file.fileName, contentType: "text/csv; charset=utf-8", body: file.csv } };
    },
    async download(ctx) {
      const file = await downloadPayoutBatch(payoutActor(ctx), ctx.districts, String(ctx.input.batchNo ?? ""));
      return { file: { fileName: file.fileName, contentType: "text/csv; charset=utf-8", body: file.csv } };
    },
  },
};
