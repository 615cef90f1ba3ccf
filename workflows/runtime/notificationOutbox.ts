import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { newId } from "../../db/ids";
import { notificationById } from "../../db/notifications";
import { enabledPluginIdsForOrgPath } from "../../db/pluginEnablements";
import { jobs, notifications, orgs, users } from "../../db/schema";
import { CORE_OWNER } from "../../forms/registry";
import { inAppChannel, notificationChannelRegistry } from "../notificationChannels";

export type NewNotification = { tenantId: string; userId: string; caseId: string | null; templateKey: string; params: Record<string, unknown>; createdAt: Date };

/** Channels that deliver outside the app (SMS, WeChat…): each gets a delivery job per message. */
function outsideChannelIds(): string[] {
  return notificationChannelRegistry.keys().filter((id) => id !== inAppChannel.id);
}

/**
 * Write an in-app message and, in the same transaction, one delivery job per outside channel
 * (key `notify:<message>:<channel>`), so a message is never sent without being stored or stored
 * without being sent. Called only by transitionCase, inside its transaction.
 */
export async function insertNotification(tx: Queryable, row: NewNotification): Promise<void> {
  const id = newId();
  await tx.insert(notifications).values({ id, ...row });
  for (const channel of outsideChannelIds()) {
    await tx
      .insert(jobs)
      .values({ id: newId(), tenantId: row.tenantId, caseId: row.caseId, key: `notify:${id}:${channel}`, kind: "notify", payload: { notificationId: id, channel }, runAt: row.createdAt })
      .onConflictDoNothing({ target: jobs.key });
  }
}

/**
 * A delivery job: hand the stored message to its channel. A channel a plugin registered reaches
 * only people of districts that enabled that plugin; a channel no longer registered (its plugin
 * was removed) fails the job so an admin sees it.
 */
export async function deliverNotification(db: Queryable, payload: { notificationId?: unknown; channel?: unknown }): Promise<"sent" | "skipped"> {
  const channelId = String(payload.channel ?? "");
  const channel = notificationChannelRegistry.get(channelId);
  if (!channel) throw new Error(`通知渠道未注册 / notification channel "${channelId}" is not registered`);
  const message = await notificationById(db, String(payload.notificationId ?? ""));
  if (!message) throw new Error(`通知不存在 / notification ${String(payload.notificationId)} not found`);
  const owner = notificationChannelRegistry.ownerOf(channelId) ?? CORE_OWNER;
  if (owner !== CORE_OWNER) {
    const [recipient] = await db.select({ path: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, message.userId));
    if (!recipient || !(await enabledPluginIdsForOrgPath(db, recipient.path)).has(owner)) return "skipped";
  }
  await channel.send({ id: message.id, tenantId: message.tenantId, userId: message.userId, caseId: message.caseId, templateKey: message.templateKey, params: message.params as Record<string, unknown> });
  return "sent";
}
