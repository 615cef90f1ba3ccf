import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Button, Card, Empty, List, Typography } from "antd";
import { requireUser, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { formatTime } from "~/components/CaseTimeline";
import { localeOf, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ items: await services.listMyNotifications(user, localeOf(request)) });
}

/** `open`: mark one message read and go where it leads; otherwise 全部标为已读. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const open = form.get("open");
  if (open !== null) return redirect((await services.openNotification(user, String(open), localeOf(request))) ?? "/notifications");
  return json({ marked: await services.markNotificationsRead(user) });
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="nj-narrow nj-stack">
      <Card
        title={
          <span>
            {t("notifications")} {unread > 0 && <Badge count={unread} style={{ marginLeft: 4 }} />}
          </span>
        }
        extra={
          unread > 0 && (
            <Form method="post">
              <CsrfInput />
              <Button htmlType="submit" disabled={busy}>
                {t("markAllRead")}
              </Button>
            </Form>
          )
        }
      >
        {items.length === 0 ? (
          <Empty description={t("noNotifications")} />
        ) : (
          <List
            dataSource={items}
            renderItem={(n) => (
              <List.Item>
                <Form method="post" style={{ width: "100%" }}>
                  <CsrfInput />
                  <button type="submit" name="open" value={n.id} className={n.read ? "nj-message" : "nj-message nj-message-unread"} disabled={busy}>
                    <span className="nj-message-text">
                      {!n.read && <Badge status="processing" aria-label={t("unread")} />} {n.text}
                    </span>
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 13 }}>
                      {formatTime(n.createdAt, locale)}
                    </Typography.Text>
                  </button>
                </Form>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
