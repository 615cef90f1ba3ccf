import { Link, useFetcher } from "@remix-run/react";
import { Alert, Button, Card, Empty, Popconfirm, Segmented, Tag, Typography } from "antd";
import { useState } from "react";
import type { PluginPageViewProps } from "../../types";
import type { WishWallData } from "../pages";
import type { WishCard, WishState } from "../wishes";
import { replyText, yuanText, type ActionReply } from "./viewText";

const TEXT = {
  zh: {
    title: "心愿墙",
    intro: (district: string) => `${district}职工的微心愿，认领后经工会转交`,
    post: "许个心愿",
    all: "全部",
    states: { pending: "待审核", open: "待认领", claimed: "已认领", fulfilled: "已实现" } as Record<WishState, string>,
    underReview: "心愿审核中",
    wisher: (w: string) => `${w} 的心愿`,
    donor: (d: string) => `爱心人士 ${d}`,
    claim: "认领",
    confirmClaim: "认领这个心愿？认领后请与工会联系转交。",
    yes: "认领",
    no: "取消",
    confirmFulfil: "心愿已经帮忙实现了吗？",
    done: "已实现",
    mine: "我的心愿",
    myClaim: "我认领的",
    none: "这里还没有心愿",
  },
  en: {
    title: "Wish wall",
    intro: (district: string) => `Micro-wishes of workers in ${district}; the union passes on the gifts`,
    post: "Make a wish",
    all: "All",
    states: { pending: "Under review", open: "Open", claimed: "Claimed", fulfilled: "Fulfilled" } as Record<WishState, string>,
    underReview: "Being reviewed by the union",
    wisher: (w: string) => `${w}'s wish`,
    donor: (d: string) => `Donor ${d}`,
    claim: "Claim",
    confirmClaim: "Claim this wish? The union will tell you how to hand over the gift.",
    yes: "Claim",
    no: "Cancel",
    confirmFulfil: "Has this wish come true?",
    done: "Mark fulfilled",
    mine: "My wish",
    myClaim: "Claimed by me",
    none: "No wishes here yet",
  },
};

const STATE_COLOR: Record<WishState, string> = { pending: "default", open: "red", claimed: "gold", fulfilled: "green" };
const ORDER: WishState[] = ["open", "claimed", "fulfilled", "pending"];

/** 心愿墙, phone first: filter by state, claim an open wish, mark the one you claimed as fulfilled. */
export function XiamenWishWallView({ data, locale, csrf }: PluginPageViewProps) {
  const d = data as WishWallData;
  const t = TEXT[locale];
  const fetcher = useFetcher<ActionReply>();
  const reply = replyText(fetcher.state === "idle" ? fetcher.data : undefined, locale);
  const busy = fetcher.state !== "idle";
  const [filter, setFilter] = useState<WishState | "all">("all");
  const count = (s: WishState) => d.wishes.filter((w) => w.state === s).length;
  const shown = d.wishes.filter((w) => filter === "all" || w.state === filter);
  const act = (action: "claim" | "fulfil", caseId: string) => fetcher.submit({ _action: action, _csrf: csrf, caseId }, { method: "post" });

  return (
    <div className="nj-narrow nj-stack">
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 4 }}>
            {t.title}
          </Typography.Title>
          <div className="nj-muted">{t.intro(d.districtName)}</div>
        </div>
        {d.applyProgramId && (
          <Link to={`/portal/programs/${d.applyProgramId}`} style={{ flex: "0 0 auto" }}>
            <Button type="primary" className="nj-big-button">
              {t.post}
            </Button>
          </Link>
        )}
      </div>
      <div style={{ overflowX: "auto" }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as WishState | "all")}
          options={[{ value: "all", label: `${t.all} ${d.wishes.length}` }, ...ORDER.map((s) => ({ value: s, label: `${t.states[s]} ${count(s)}` }))]}
        />
      </div>
      {reply && <Alert type={reply.type} showIcon role="alert" message={reply.text} />}
      {shown.length === 0 ? (
        <Card>
          <Empty description={t.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        </Card>
      ) : (
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))", gap: 12 }}>
          {shown.map((w) => (
            <WishTile key={w.caseId} wish={w} locale={locale} busy={busy} onAct={act} />
          ))}
        </div>
      )}
    </div>
  );
}

function WishTile({ wish: w, locale, busy, onAct }: { wish: WishCard; locale: "zh" | "en"; busy: boolean; onAct: (action: "claim" | "fulfil", caseId: string) => void }) {
  const t = TEXT[locale];
  return (
    <Card size="small" styles={{ body: { display: "flex", flexDirection: "column", gap: 8, height: "100%" } }} data-testid="wish">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8 }}>
        <Tag style={{ marginInlineEnd: 0 }}>{w.category[locale] || w.category.zh}</Tag>
        <Tag color={STATE_COLOR[w.state]} style={{ marginInlineEnd: 0 }}>
          {t.states[w.state]}
        </Tag>
      </div>
      <div style={{ fontSize: 17, fontWeight: 600, overflowWrap: "anywhere" }}>{w.title ?? <span className="nj-muted">{t.underReview}</span>}</div>
      {w.story && <div style={{ color: "#555", overflowWrap: "anywhere" }}>{w.story}</div>}
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: 8, marginTop: "auto" }}>
        <span className="nj-muted" style={{ minWidth: 0 }}>
          {w.mine ? t.mine : t.wisher(w.wisher)}
          {w.donor && ` · ${w.claimedByMe ? t.myClaim : t.donor(w.donor)}`}
        </span>
        <span style={{ color: "#c8102e", fontWeight: 700, fontVariantNumeric: "tabular-nums", flex: "0 0 auto" }}>{yuanText(w.amount)}</span>
      </div>
      {w.state === "open" && !w.mine && (
        <Popconfirm title={t.confirmClaim} okText={t.yes} cancelText={t.no} onConfirm={() => onAct("claim", w.caseId)}>
          <Button type="primary" block className="nj-big-button" disabled={busy}>
            {t.claim}
          </Button>
        </Popconfirm>
      )}
      {w.state === "claimed" && w.claimedByMe && (
        <Popconfirm title={t.confirmFulfil} okText={t.done} cancelText={t.no} onConfirm={() => onAct("fulfil", w.caseId)}>
          <Button block className="nj-big-button" disabled={busy}>
            {t.done}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}
