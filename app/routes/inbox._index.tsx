import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Card, Empty, List, Typography } from "antd";
import { requirePermission } from "~/auth.server";
import { formatTime } from "~/components/CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "approver");
  const tasks = await services.listMyTasks(user);
  return json({
    tasks: tasks.map((t) => ({ ...t, receivedAt: t.receivedAt.toISOString(), dueAt: t.dueAt?.toISOString() ?? null })),
  });
}

export default function Inbox() {
  const { tasks } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="nj-stack">
      <Typography.Title level={3} className="nj-page-title">
        {t("pendingTasks")} <Badge count={tasks.length} showZero color="#c8102e" />
      </Typography.Title>
      <Card size="small">
        {tasks.length === 0 ? (
          <Empty description={t("noTasks")} />
        ) : (
          <List
            dataSource={tasks}
            renderItem={(task) => (
              <List.Item>
                <Link to={`/inbox/tasks/${task.taskId}`} style={{ display: "block", width: "100%" }}>
                  <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
                    <strong>
                      {locale === "en" && task.programNameEn ? task.programNameEn : task.programName} · {task.applicantName}
                    </strong>
                    <span className="nj-muted">{task.taskName}</span>
                  </div>
                  <div className="nj-muted">
                    {task.caseNo} · {t("receivedAt")} {formatTime(task.receivedAt, locale)}
                  </div>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
