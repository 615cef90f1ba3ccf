import { sharedRegistry } from "../forms/registry";

/** A notification as the runtime stored it (the `notifications` row), handed to each delivery channel. */
export type OutgoingNotification = {
  id: string;
  tenantId: string;
  userId: string;
  caseId: string | null;
  templateKey: string;
  params: Record<string, unknown>;
};

/**
 * A way to reach a person: in-app (the core's), SMS or WeChat (plugins). `send` must be
 * idempotent by notification id, because a delivery may be retried.
 */
export interface NotificationChannel {
  id: string;
  name?: { zh: string; en: string };
  send(notification: OutgoingNotification): Promise<void>;
}

export const notificationChannelRegistry = sharedRegistry<NotificationChannel>({ id: "notificationChannel", zh: "通知渠道", en: "notification channel" });

/** The core's channel: the `notifications` row written with the case step is the in-app message itself. */
export const inAppChannel: NotificationChannel = {
  id: "inApp",
  name: { zh: "站内消息", en: "In-app" },
  send: async () => {},
};

notificationChannelRegistry.define(inAppChannel.id, inAppChannel);
