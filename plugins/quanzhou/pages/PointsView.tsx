import { useFetcher } from "@remix-run/react";
import { Alert, Button, Card, Empty, Popconfirm, Typography } from "antd";
import type { PluginPageViewProps } from "../../types";
import type { PointsPageData } from "../points/pointsPageData";
import { beijingDateTime, replyText, type ActionReply } from "./viewText";

const TEXT = {
  zh: {
    title: "我的积分",
    balance: "当前积分",
    unit: "分",
    hint: "参加活动、志愿服务、到职工之家签到都能得积分",
    gifts: "积分兑换",
    cost: (n: number) => `${n} 积分`,
    stock: (n: number) => (n > 0 ? `剩 ${n} 件` : "已兑完"),
    redeem: "兑换",
    short: "积分不足",
    soldOut: "已兑完",
    confirm: (gift: string, n: number) => `用 ${n} 积分兑换「${gift}」？`,
    yes: "兑换",
    no: "取消",
    redemptions: "我的兑换",
    pickup: "领取码",
    ledger: "积分明细",
    noLedger: "还没有积分记录",
    after: (n: number) => `余额 ${n}`,
    ways: "如何获得积分",
    perUnit: (p: number, max: number | null) => `每小时 ${p} 分${max !== null ? `（每次最多 ${max} 分）` : ""}`,
    each: (p: number) => `每次 ${p} 分`,
    noGifts: "暂无可兑换的礼品",
  },
  en: {
    title: "My points",
    balance: "Points",
    unit: "pts",
    hint: "Earn points by joining activities, volunteering and checking in at the workers' homes",
    gifts: "Redeem",
    cost: (n: number) => `${n} points`,
    stock: (n: number) => (n > 0 ? `${n} left` : "None left"),
    redeem: "Redeem",
    short: "Not enough",
    soldOut: "None left",
    confirm: (gift: string, n: number) => `Redeem ${n} points for “${gift}”?`,
    yes: "Redeem",
    no: "Cancel",
    redemptions: "My gifts",
    pickup: "Pickup code",
    ledger: "History",
    noLedger: "No points yet",
    after: (n: number) => `balance ${n}`,
    ways: "How to earn points",
    perUnit: (p: number, max: number | null) => `${p} an hour${max !== null ? ` (at most ${max} each time)` : ""}`,
    each: (p: number) => `${p} each time`,
    noGifts: "No gifts to redeem yet",
  },
};

const row = { display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12, padding: "10px 0" } as const;
/** Rows of a card, a hairline between them (not after the last). */
const rowAt = (i: number) => (i > 0 ? { ...row, borderTop: "1px solid #f0f0f0" } : row);

/** 我的积分: balance, a small gift catalogue to redeem from, pickup codes, and the ledger. */
export function QuanzhouPointsView({ data, locale, csrf }: PluginPageViewProps) {
  const d = data as PointsPageData;
  const t = TEXT[locale];
  const fetcher = useFetcher<ActionReply>();
  const reply = replyText(fetcher.state === "idle" ? fetcher.data : undefined, locale);
  const busy = fetcher.state !== "idle";
  const gift = (g: { name: string; nameEn: string }) => (locale === "en" && g.nameEn ? g.nameEn : g.name);
  // A fresh key per confirmed press: a retried post of the same press redeems once.
  const redeem = (giftId: string) => fetcher.submit({ _action: "redeem", _csrf: csrf, giftId, requestKey: crypto.randomUUID() }, { method: "post" });

  return (
    <div className="nj-narrow" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 0 }}>
        {t.title}
      </Typography.Title>
      <Card style={{ background: "linear-gradient(135deg, #c8102e, #e4573d)", color: "#fff", border: 0 }}>
        <div style={{ fontSize: 14, opacity: 0.9 }}>{t.balance}</div>
        <div style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.2, fontVariantNumeric: "tabular-nums" }} data-testid="points-balance">
          {d.balance}
          <span style={{ fontSize: 16, fontWeight: 400, marginInlineStart: 6 }}>{t.unit}</span>
        </div>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{t.hint}</div>
      </Card>
      {reply && <Alert type={reply.type} showIcon role="alert" message={reply.text} />}
      <Card size="small" title={t.gifts}>
        {d.gifts.length === 0 ? (
          <Empty description={t.noGifts} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          d.gifts.map((g, i) => {
            const blocked = g.stock <= 0 ? t.soldOut : g.cost > d.balance ? t.short : null;
            return (
              <div key={g.id} style={rowAt(i)}>
                <div style={{ minWidth: 0 }}>
                  <div style={{ fontWeight: 600, overflowWrap: "anywhere" }}>{gift(g)}</div>
                  <div className="nj-muted">
                    <span style={{ color: "#c8102e" }}>{t.cost(g.cost)}</span> · {t.stock(g.stock)}
                  </div>
                </div>
                {blocked ? (
                  <Button className="nj-big-button" disabled style={{ flex: "0 0 auto" }}>
                    {blocked}
                  </Button>
                ) : (
                  <Popconfirm title={t.confirm(gift(g), g.cost)} okText={t.yes} cancelText={t.no} onConfirm={() => redeem(g.id)}>
                    <Button type="primary" className="nj-big-button" disabled={busy} style={{ flex: "0 0 auto" }}>
                      {t.redeem}
                    </Button>
                  </Popconfirm>
                )}
              </div>
            );
          })
        )}
      </Card>
      {d.redemptions.length > 0 && (
        <Card size="small" title={t.redemptions}>
          {d.redemptions.map((r, i) => (
            <div key={r.id} style={rowAt(i)}>
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 600, overflowWrap: "anywhere" }}>{locale === "en" && r.giftEn ? r.giftEn : r.gift}</div>
                <div className="nj-muted">{beijingDateTime(r.at)}</div>
              </div>
              <div style={{ textAlign: "right", flex: "0 0 auto" }}>
                <div className="nj-muted">{t.pickup}</div>
                <div style={{ fontSize: 20, fontWeight: 700, letterSpacing: 2, fontVariantNumeric: "tabular-nums" }}>{r.pickupCode}</div>
              </div>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title={t.ledger}>
        {d.ledger.length === 0 ? (
          <Empty description={t.noLedger} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          d.ledger.map((l, i) => (
            <div key={l.id} style={rowAt(i)}>
              <div style={{ minWidth: 0 }}>
                <div style={{ overflowWrap: "anywhere" }}>{locale === "en" && l.reasonEn ? l.reasonEn : l.reason}</div>
                <div className="nj-muted">{beijingDateTime(l.at)}</div>
              </div>
              <div style={{ textAlign: "right", flex: "0 0 auto" }}>
                <div style={{ fontWeight: 700, fontSize: 16, color: l.delta > 0 ? "#237804" : "#c8102e", fontVariantNumeric: "tabular-nums" }}>
                  {l.delta > 0 ? `+${l.delta}` : l.delta}
                </div>
                <div className="nj-muted">{t.after(l.balanceAfter)}</div>
              </div>
            </div>
          ))
        )}
      </Card>
      {d.ways.length > 0 && (
        <Card size="small" title={t.ways}>
          {d.ways.map((w, i) => (
            <div key={w.reason} style={rowAt(i)}>
              <span style={{ minWidth: 0, overflowWrap: "anywhere" }}>{locale === "en" && w.reasonEn ? w.reasonEn : w.reason}</span>
              <span style={{ flex: "0 0 auto", color: "#c8102e" }}>{w.perUnit ? t.perUnit(w.points, w.maxPoints) : t.each(w.points)}</span>
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
