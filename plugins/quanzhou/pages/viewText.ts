/** Small formatting shared by the plugin's page views (Beijing time, Chinese first). */
export type Locale = "zh" | "en";

const WEEK = { zh: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 6月1日 / 1 Jun */
export function dayLabel(iso: string, locale: Locale): string {
  const [, m, d] = iso.split("-").map(Number);
  return locale === "zh" ? `${m}月${d}日` : `${d} ${MONTHS[m - 1]}`;
}

export function weekdayLabel(weekday: number, locale: Locale): string {
  return WEEK[locale][weekday - 1] ?? "";
}

/** An instant as Beijing date and time: 2026-06-01 19:05. */
export function beijingDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** What a page action answered: its message, or its refusal (both languages come from the server). */
export type ActionReply = { ok: true; message: { zh: string; en: string } | null; data: unknown } | { error: { message: string; messageEn: string } };

export function replyText(reply: ActionReply | undefined, locale: Locale): { type: "success" | "error"; text: string } | null {
  if (!reply) return null;
  if ("error" in reply) return { type: "error", text: locale === "en" ? reply.error.messageEn : reply.error.message };
  return reply.message ? { type: "success", text: locale === "en" ? reply.message.en : reply.message.zh } : null;
}
