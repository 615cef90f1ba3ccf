/** What the 我的积分 page's load returns and its view (pages/PointsView.tsx) renders. */
export type PointsPageData = {
  balance: number;
  ledger: { id: string; delta: number; balanceAfter: number; reason: string; reasonEn: string; at: string }[];
  gifts: { id: string; name: string; nameEn: string; cost: number; stock: number }[];
  redemptions: { id: string; gift: string; giftEn: string; points: number; pickupCode: string; at: string }[];
  /** How points are earned here: program rules, and check-in at each venue. */
  ways: { reason: string; reasonEn: string; points: number; perUnit: boolean; maxPoints: number | null }[];
};
