import type { Db } from "../../db/client";
import { markNotificationsRead, notificationsOf, unreadNotificationCount } from "../../db/notifications";
import type { Locale } from "../../forms/messages";
import { notificationLink, notificationText } from "../notificationText";
import type { SessionUser } from "./identity";

export type NotificationView = { id: string; text: string; link: string | null; createdAt: string; read: boolean };

/** 消息: the caller's in-app messages, newest first, in their language. */
export async function listMyNotifications(db: Db, user: SessionUser, locale: Locale, limit = 100): Promise<NotificationView[]> {
  const rows = await notificationsOf(db, user.id, limit);
  return rows.map((n) => ({
    id: n.id,
    text: notificationText(n.templateKey, { programName: (locale === "en" ? n.programNameEn || n.programName : n.programName) ?? "", caseNo: n.caseNo ?? "" }, locale),
    link: notificationLink(n),
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  }));
}

export async function myUnreadCount(db: Db, user: SessionUser): Promise<number> {
  return unreadNotificationCount(db, user.id);
}

/** Mark the caller's messages read (only their own: other ids are ignored). */
export async function markMyNotificationsRead(db: Db, user: SessionUser, ids?: string[]): Promise<number> {
  return markNotificationsRead(db, user.id, ids?.filter((id) => /^[0-9a-f-]{36}$/i.test(id)), new Date());
}

/** Open one of the caller's messages: it is marked read and its link returned (null: not theirs, or no link). */
export async function openMyNotification(db: Db, user: SessionUser, id: string, locale: Locale): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  await markNotificationsRead(db, user.id, [id], new Date());
  const mine = await listMyNotifications(db, user, locale, 500);
  return mine.find((n) => n.id === id)?.link ?? null;
}
