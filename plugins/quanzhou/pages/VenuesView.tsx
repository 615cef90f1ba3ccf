import { Link, useFetcher } from "@remix-run/react";
import { Alert, Button, Card, Empty, Popconfirm, Tag, Typography } from "antd";
import type { PluginPageViewProps } from "../../types";
import type { MyBooking, Named, SlotState, VenuesPageData } from "../booking/venuesPageData";
import { beijingDateTime, dayLabel, replyText, weekdayLabel, type ActionReply, type Locale } from "./viewText";

const TEXT = {
  zh: {
    title: "共享职工之家",
    days: "选择日期",
    intro: "选择场馆和日期，点空闲时段即可预约。",
    today: "今天",
    closed: "闭馆",
    closedDay: "该场馆这一天不开放，请选择其他日期。",
    people: (n: number) => `最多 ${n} 人`,
    state: { free: "空闲", taken: "已约", mine: "我的", past: "已过" } as Record<SlotState, string>,
    rules: (v: NonNullable<VenuesPageData["venue"]>) => [
      `可提前 ${v.advanceDays} 天预约`,
      `每人最多 ${v.maxOpenBookings} 个待使用预约`,
      `开始前 ${v.cancelBeforeMinutes / 60} 小时可取消`,
      v.needsApproval ? "街道工会审批后生效" : "提交即预约成功",
      v.pointsPerVisit > 0 ? `到场签到得 ${v.pointsPerVisit} 积分` : "",
    ],
    mine: "我的预约",
    none: "还没有预约",
    noVenues: "本区暂无可预约的职工之家",
    status: { pending: "待审批", confirmed: "已预约", attended: "已签到", cancelled: "已取消", released: "已撤回" } as Record<MyBooking["status"], string>,
    cancel: "取消预约",
    cancelConfirm: "确定取消这个预约吗？时段将释放给其他会员。",
    cancelUntil: (at: string) => `${at} 前可取消`,
    checkIn: "到场签到",
    checkInOpens: (at: string, p: number) => `${at} 起可签到${p > 0 ? `，签到得 ${p} 积分` : ""}`,
    view: "查看申请",
    yes: "确定",
    no: "再想想",
    noForm: "预约项目暂未开放",
  },
  en: {
    title: "Workers' homes",
    days: "Choose a day",
    intro: "Choose a venue and a day, then tap a free slot to book it.",
    today: "Today",
    closed: "Closed",
    closedDay: "The venue is closed on this day; choose another.",
    people: (n: number) => `up to ${n}`,
    state: { free: "Free", taken: "Booked", mine: "Yours", past: "Past" } as Record<SlotState, string>,
    rules: (v: NonNullable<VenuesPageData["venue"]>) => [
      `Book up to ${v.advanceDays} days ahead`,
      `${v.maxOpenBookings} upcoming booking(s) per member`,
      `Cancel up to ${v.cancelBeforeMinutes / 60} h before`,
      v.needsApproval ? "Approved by the street union" : "Booked at once",
      v.pointsPerVisit > 0 ? `Check in for ${v.pointsPerVisit} points` : "",
    ],
    mine: "My bookings",
    none: "No bookings yet",
    noVenues: "No workers' home can be booked in this district yet",
    status: { pending: "Awaiting approval", confirmed: "Booked", attended: "Checked in", cancelled: "Cancelled", released: "Withdrawn" } as Record<MyBooking["status"], string>,
    cancel: "Cancel",
    cancelConfirm: "Cancel this booking? The slot goes back to other members.",
    cancelUntil: (at: string) => `Cancellable until ${at}`,
    checkIn: "Check in",
    checkInOpens: (at: string, p: number) => `Check-in opens at ${at}${p > 0 ? ` (${p} points)` : ""}`,
    view: "Application",
    yes: "Yes",
    no: "No",
    noForm: "Booking is not open yet",
  },
};

const STATE_STYLE: Record<SlotState, { background: string; color: string; border: string }> = {
  free: { background: "#f6ffed", color: "#237804", border: "#b7eb8f" },
  taken: { background: "#f5f5f5", color: "#8c8c8c", border: "#e8e8e8" },
  mine: { background: "#e6f4ff", color: "#0958d9", border: "#91caff" },
  past: { background: "#fafafa", color: "#bfbfbf", border: "#f0f0f0" },
};

const STATUS_COLOR: Record<MyBooking["status"], string> = { pending: "orange", confirmed: "green", attended: "blue", cancelled: "default", released: "default" };

const name = (x: Named, locale: Locale) => (locale === "en" && x.nameEn ? x.nameEn : x.name);

/** 共享职工之家: a venue's rooms by day (phone first), tap a free slot to book, and my bookings. */
export function QuanzhouVenuesView({ data, locale, csrf }: PluginPageViewProps) {
  const d = data as VenuesPageData;
  const t = TEXT[locale];
  const fetcher = useFetcher<ActionReply>();
  const reply = replyText(fetcher.state === "idle" ? fetcher.data : undefined, locale);
  const busy = fetcher.state !== "idle";
  const act = (action: string, bookingId: string) => fetcher.submit({ _action: action, _csrf: csrf, bookingId }, { method: "post" });
  const venue = d.venue;
  const at = (date: string) => `?venue=${encodeURIComponent(venue?.id ?? "")}&date=${date}`;
  const day = d.days.find((x) => x.date === d.date);

  return (
    <div className="nj-narrow" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <div>
        <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 4 }}>
          {t.title}
        </Typography.Title>
        <div className="nj-muted">{t.intro}</div>
      </div>
      {reply && <Alert type={reply.type} showIcon role="alert" message={reply.text} />}
      {!venue ? (
        <Empty description={t.noVenues} />
      ) : (
        <>
          {d.venues.length > 1 && (
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }} role="tablist">
              {d.venues.map((v) => (
                <Link key={v.id} to={`?venue=${encodeURIComponent(v.id)}`} role="tab" aria-selected={v.id === venue.id} prefetch="intent">
                  <Button type={v.id === venue.id ? "primary" : "default"} style={{ minHeight: 44, height: "auto", whiteSpace: "normal", textAlign: "left" }}>
                    {name(v, locale)}
                  </Button>
                </Link>
              ))}
            </div>
          )}
          <Card size="small">
            <div style={{ fontWeight: 600 }}>{name(venue, locale)}</div>
            <div className="nj-muted" style={{ marginBottom: 8 }}>
              {venue.address}
            </div>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
              {t.rules(venue).filter(Boolean).map((r) => (
                <Tag key={r} style={{ marginInlineEnd: 0, whiteSpace: "normal" }}>
                  {r}
                </Tag>
              ))}
            </div>
          </Card>
          <nav aria-label={t.days} style={{ display: "flex", gap: 8, overflowX: "auto", paddingBottom: 4, margin: "0 -4px", paddingInline: 4 }}>
            {d.days.map((x) => {
              const selected = x.date === d.date;
              return (
                <Link
                  key={x.date}
                  to={at(x.date)}
                  aria-current={selected ? "date" : undefined}
                  style={{
                    flex: "0 0 auto",
                    minWidth: 60,
                    minHeight: 56,
                    padding: "6px 8px",
                    borderRadius: 8,
                    textAlign: "center",
                    border: `1px solid ${selected ? "#c8102e" : "#e8e8e8"}`,
                    background: selected ? "#c8102e" : "#fff",
                    color: selected ? "#fff" : x.open ? "#262626" : "#bfbfbf",
                    lineHeight: 1.4,
                    textDecoration: "none",
                  }}
                >
                  <div style={{ fontSize: 12 }}>{x.date === d.today ? t.today : weekdayLabel(x.weekday, locale)}</div>
                  <div style={{ fontWeight: 600 }}>{dayLabel(x.date, locale)}</div>
                  {!x.open && <div style={{ fontSize: 11 }}>{t.closed}</div>}
                </Link>
              );
            })}
          </nav>
          {day && !day.open ? (
            <Alert type="info" showIcon message={t.closedDay} />
          ) : (
            d.rooms.map((room) => (
              <Card
                key={room.id}
                size="small"
                title={
                  <span style={{ whiteSpace: "normal" }}>
                    {name(room, locale)} <span className="nj-muted">· {t.people(room.capacity)}</span>
                  </span>
                }
              >
                {(locale === "en" ? room.facilitiesEn || room.facilities : room.facilities) && (
                  <div className="nj-muted" style={{ marginBottom: 8 }}>
                    {locale === "en" ? room.facilitiesEn || room.facilities : room.facilities}
                  </div>
                )}
                <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(96px, 1fr))", gap: 8 }}>
                  {room.cells.map((cell) => {
                    const slot = d.slots.find((s) => s.code === cell.slot)!;
                    const style = { ...STATE_STYLE[cell.state], borderWidth: 1, borderStyle: "solid", borderRadius: 8, padding: "8px 4px", minHeight: 56, textAlign: "center" as const, display: "block" };
                    const body = (
                      <>
                        <div style={{ fontSize: 13, fontVariantNumeric: "tabular-nums" }}>
                          {slot.starts}–{slot.ends}
                        </div>
                        <div style={{ fontWeight: 600 }}>{t.state[cell.state]}</div>
                      </>
                    );
                    return cell.state === "free" && d.bookProgramId ? (
                      <Link key={cell.slot} to={`/portal/programs/${d.bookProgramId}?room=${encodeURIComponent(room.id)}&date=${d.date}&slot=${encodeURIComponent(cell.slot)}`} style={style} aria-label={`${name(room, locale)} ${dayLabel(d.date, locale)} ${slot.starts}–${slot.ends} ${t.state.free}`}>
                        {body}
                      </Link>
                    ) : (
                      <div key={cell.slot} style={style} aria-disabled="true">
                        {body}
                      </div>
                    );
                  })}
                </div>
              </Card>
            ))
          )}
          {!d.bookProgramId && <Alert type="warning" showIcon message={t.noForm} />}
        </>
      )}
      <Card size="small" title={t.mine}>
        {d.myBookings.length === 0 ? (
          <Empty description={t.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          d.myBookings.map((b, i) => (
            <div key={b.id} style={{ padding: "10px 0", borderTop: i > 0 ? "1px solid #f0f0f0" : undefined }}>
              <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "flex-start" }}>
                <div style={{ minWidth: 0 }}>
                  <div style={{ fontWeight: 600, overflowWrap: "anywhere" }}>
                    {name(b.venue, locale)} · {name(b.room, locale)}
                  </div>
                  <div className="nj-muted">
                    {dayLabel(b.day, locale)} {b.starts}–{b.ends}
                  </div>
                </div>
                <Tag color={STATUS_COLOR[b.status]} style={{ marginInlineEnd: 0, flex: "0 0 auto" }}>
                  {t.status[b.status]}
                </Tag>
              </div>
              {b.checkInOpens && <div className="nj-muted">{t.checkInOpens(b.checkInOpens, b.pointsPerVisit)}</div>}
              {b.cancelUntil && <div className="nj-muted">{t.cancelUntil(beijingDateTime(b.cancelUntil))}</div>}
              <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginTop: 8 }}>
                {b.canCheckIn && (
                  <Button type="primary" className="nj-big-button" disabled={busy} onClick={() => act("checkIn", b.id)}>
                    {t.checkIn}
                  </Button>
                )}
                {b.cancelUntil && (
                  <Popconfirm title={t.cancelConfirm} okText={t.yes} cancelText={t.no} onConfirm={() => act("cancel", b.id)}>
                    <Button danger className="nj-big-button" disabled={busy}>
                      {t.cancel}
                    </Button>
                  </Popconfirm>
                )}
                <Link to={`/portal/cases/${b.id}`}>
                  <Button className="nj-big-button">{t.view}</Button>
                </Link>
              </div>
            </div>
          ))
        )}
      </Card>
    </div>
  );
}
