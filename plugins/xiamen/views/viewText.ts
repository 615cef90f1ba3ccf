/** What a page action answered (the /p route's JSON): a message, a file, or a refusal in both languages. */
export type ActionReply =
  | { ok: true; message: { zh: string; en: string } | null; data: unknown; file?: { fileName: string; contentType: string; body: string } | null }
  | { error: { message: string; messageEn: string } };

export type Locale = "zh" | "en";

export function replyText(reply: ActionReply | undefined, locale: Locale): { type: "success" | "error"; text: string } | null {
  if (!reply) return null;
  if ("error" in reply) return { type: "error", text: locale === "en" ? reply.error.messageEn : reply.error.message };
  return reply.message ? { type: "success", text: locale === "en" ? reply.message.en : reply.message.zh } : null;
}

/** ¥150.00, as the core writes amounts. */
export { formatYuan as yuanText } from "../../../forms/fields/money";

/** An instant as Beijing date and time: 2027-02-01 19:05. */
export function beijingDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
