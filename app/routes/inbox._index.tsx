import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, Card, Empty, List, Tabs, Typography } from "antd";
import { CaseStatusTag } from "~/components/CaseStatusTag";
import { requirePermission } from "~/auth.server";
import { formatTime } from "~/components/CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "approver");
  const [tasks, copies] = await Promise.all([services.listMyTasks(user), services.listCopiedToMe(user)]);
  return json({
    tasks: tasks.map((t) => ({ ...t, receivedAt: t.receivedAt.toISOString(), dueAt: t.dueAt?.toISOString() ?? null })),
    copies: copies.map((c) => ({ ...c, copiedAt: c.copiedAt.toISOString() })),
  });
}

export default function Inbox() {
  const { tasks, copies } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const programName = (row: { programName: string; programNameEn: string | null }) => (locale === "en" && row.programNameEn ? row.programNameEn : row.programName);
  const pending = (
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
                    {programName(task)} · {task.applicantName}
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
  );
  const copied = (
    <Card size="small">
      {copies.length === 0 ? (
        <Empty description={t("noCopies")} />
      ) : (
        <List
          dataSource={copies}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/portal/cases/${c.caseId}`} style={{ display: "block", width: "100%" }}>
                <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
                  <strong>
                    {programName(c)} · {c.applicantName}
                  </strong>
                  <CaseStatusTag status={c.status} />
                </div>
                <div className="nj-muted">
                  {c.caseNo} · {t("copiedAt")} {formatTime(c.copiedAt, locale)}
                </div>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
  return (
    <div className="nj-stack">
      <Typography.Title level={3} className="nj-page-title">
        {t("inbox")}
      </Typography.Title>
      <Tabs
        items={[
          { key: "pending", label: <span>{t("pendingTasks")} <Badge count={tasks.length} showZero color="#c8102e" /></span>, children: pending },
          { key: "cc", label: <span>{t("copiedToMe")} <Badge count={copies.length} showZero color="#8c8c8c" /></span>, children: copied },
        ]}
      />
    </div>
  );
}
