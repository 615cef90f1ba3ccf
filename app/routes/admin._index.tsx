import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Col, Flex, Input, Row, Select, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { requirePermission } from "~/auth.server";
import { statusLabelKey } from "~/components/CaseStatusTag";
import { formatTime } from "~/components/CaseTimeline";
import { CsrfInput } from "~/components/CsrfInput";
import { WidgetTileView } from "~/components/admin/WidgetTileView";
import { commandErrorResponse } from "~/http.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/useT";
import { caseStatuses, services } from "~/services.server";

const FILTER_KEYS = ["programId", "status", "orgId", "from", "to"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, (params.get(k) ?? "").slice(0, 64)]));
  try {
    return json({ ...(await services.adminDashboard(user, filters)), incidents: await services.listCaseIncidents(user), statuses: caseStatuses });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type CountRow = Data["byProgram"][number];

/** On a phone the counts table keeps total, 审批中 and 已通过; the rest from a tablet up. */
const STATUS_COLUMNS = [
  ["running", undefined],
  ["approved", undefined],
  ["returned", ["md"]],
  ["rejected", ["md"]],
  ["withdrawn", ["md"]],
] as const;

/** Hours as people say them: 3.5 小时, or 2.1 天 from a day on. */
function duration(hours: number, locale: "zh" | "en"): string {
  if (hours >= 24) return locale === "en" ? `${(hours / 24).toFixed(1)} d` : `${(hours / 24).toFixed(1)} 天`;
  return locale === "en" ? `${hours.toFixed(1)} h` : `${hours.toFixed(1)} 小时`;
}

/** 办理异常: cases stuck at a step whose job ran out of attempts; 重试 sends it round again. */
function IncidentsCard({ incidents }: { incidents: Data["incidents"] }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<{ retried?: boolean; error?: { message: string; messageEn: string } }>();
  const error = fetcher.state === "idle" ? fetcher.data?.error : undefined;
  return (
    <Card title={`${t("dashIncidents")} (${incidents.length})`} size="small" className="nj-incidents">
      <Typography.Paragraph type="secondary" className="nj-dash-note">{t("dashIncidentsNote")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" message={locale === "en" ? error.messageEn : error.message} style={{ marginBottom: 8 }} />}
      {incidents.map((i) => (
        <div key={i.id} className="nj-incident">
          <div>
            <Link to={`/portal/cases/${i.caseId}`}>{i.caseNo}</Link> · {i.programName}
            <div className="nj-incident-error">{i.message}</div>
            <Typography.Text type="secondary">{t("dashIncidentSeen", { attempts: i.attempts, time: formatTime(i.lastSeenAt, locale) })}</Typography.Text>
          </div>
          <fetcher.Form method="post" action="/admin/incidents">
            <CsrfInput />
            <input type="hidden" name="incidentId" value={i.id} />
            <Button htmlType="submit" loading={fetcher.state !== "idle" && fetcher.formData?.get("incidentId") === i.id}>
              {t("dashRetry")}
            </Button>
          </fetcher.Form>
        </div>
      ))}
    </Card>
  );
}

export default function AdminDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const go = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    navigate(`?${p.toString()}`, { replace: true, preventScrollReset: true });
  };
  const programName = (p: { name: string; nameEn?: string | null }) => (locale === "en" && p.nameEn ? p.nameEn : p.name);
  const countColumns = (first: MessageKey, nameOf: (r: CountRow) => string) => [
    { title: t(first), key: "name", render: (_: unknown, r: CountRow) => nameOf(r), fixed: "left" as const },
    { title: t("dashTotal"), dataIndex: "total", key: "total", align: "right" as const },
    ...STATUS_COLUMNS.map(([s, responsive]) => ({
      title: t(statusLabelKey(s)),
      key: s,
      align: "right" as const,
      ...(responsive ? { responsive: [...responsive] } : {}),
      render: (_: unknown, r: CountRow) => r.byStatus[s] ?? 0,
    })),
  ];
  const stat = (key: MessageKey, value: number, color?: string) => (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={t(key)} value={value} valueStyle={color ? { color } : undefined} />
      </Card>
    </Col>
  );
  return (
    <Flex vertical gap={16} className="nj-dashboard">
      <div className="nj-page-links" style={{ alignItems: "baseline" }}>
        <Typography.Title level={3} className="nj-page-title" style={{ margin: 0 }}>
          {t("dashTitle")}
        </Typography.Title>
        <span className="nj-page-links">
          <Link to="/admin/people">{t("peopleLink")}</Link>
          <Link to="/admin/calendar">{t("calendarLink")}</Link>
        </span>
      </div>
      <div className="nj-dash-filters">
        <Select aria-label={t("allPrograms")} size="large" value={data.filters.programId ?? ""} onChange={(v: string) => go("programId", v)} options={[{ value: "", label: t("allPrograms") }, ...data.programs.map((p) => ({ value: p.id, label: programName(p) }))]} />
        <Select aria-label={t("dashAllStatuses")} size="large" value={data.filters.status ?? ""} onChange={(v: string) => go("status", v)} options={[{ value: "", label: t("dashAllStatuses") }, ...data.statuses.map((s) => ({ value: s, label: t(statusLabelKey(s)) }))]} />
        <Select aria-label={t("dashAllOrgs")} size="large" showSearch optionFilterProp="label" value={data.filters.orgId ?? ""} onChange={(v: string) => go("orgId", v)} options={[{ value: "", label: t("dashAllOrgs") }, ...data.orgs.map((o) => ({ value: o.id, label: o.level === "street" ? o.name : `· ${o.name}` }))]} />
        <label className="nj-dash-date">
          <span>{t("dashFrom")}</span>
          <Input type="date" size="large" defaultValue={data.filters.from ?? ""} onChange={(e) => go("from", e.target.value)} />
        </label>
        <label className="nj-dash-date">
          <span>{t("dashTo")}</span>
          <Input type="date" size="large" defaultValue={data.filters.to ?? ""} onChange={(e) => go("to", e.target.value)} />
        </label>
      </div>
      <Row gutter={[12, 12]}>
        {stat("dashTotal", data.total)}
        {stat("statusRunning", data.byStatus.running ?? 0)}
        {stat("statusApproved", data.byStatus.approved ?? 0, "#389e0d")}
        {stat("dashOverdue", data.overdue.count, data.overdue.count ? "#c8102e" : undefined)}
      </Row>

      {data.incidents.length > 0 && <IncidentsCard incidents={data.incidents} />}

      <ExportCard data={data} failure={exportFailure(params.get("exportError"))} />

      <Card title={t("dashByProgram")} size="small">
        <Table size="small" rowKey="id" pagination={false} scroll={{ x: "max-content" }} dataSource={data.byProgram} columns={countColumns("dashProgram", programName)} locale={{ emptyText: t("dashNoCases") }} />
      </Card>
      <Card title={t("dashByStreet")} size="small">
        <Table size="small" rowKey="id" pagination={false} scroll={{ x: "max-content" }} dataSource={data.byStreet} columns={countColumns("dashStreet", (r) => r.name)} locale={{ emptyText: t("dashNoCases") }} />
      </Card>
      <Card title={t("dashByUnit")} size="small">
        <Table size="small" rowKey="id" pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: "max-content" }} dataSource={data.byUnit} columns={countColumns("dashUnit", (r) => r.name)} locale={{ emptyText: t("dashNoCases") }} />
      </Card>
      <Card title={t("dashNodeTimes")} size="small">
        <Typography.Paragraph type="secondary" className="nj-dash-note">{t("dashNodeTimesNote")}</Typography.Paragraph>
        <Table
          size="small"
          rowKey={(r) => `${r.programId}:${r.nodeId}`}
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={data.nodeTimes}
          locale={{ emptyText: t("dashNoDecisions") }}
          columns={[
            { title: t("dashProgram"), dataIndex: "programName", key: "program" },
            { title: t("dashNode"), dataIndex: "nodeName", key: "node" },
            { title: t("dashDecided"), dataIndex: "decided", key: "decided", align: "right", responsive: ["sm"] },
            { title: t("dashMedian"), key: "median", align: "right", render: (_: unknown, r) => duration(r.medianHours, locale) },
          ]}
        />
      </Card>
      <Card title={`${t("dashOverdue")} (${data.overdue.count})`} size="small">
        <Table
          size="small"
          rowKey="taskId"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={data.overdue.tasks}
          locale={{ emptyText: t("dashNoOverdue") }}
          columns={[
            { title: t("caseNo"), key: "caseNo", render: (_: unknown, r) => <Link to={`/portal/cases/${r.caseId}`}>{r.caseNo}</Link> },
            { title: t("dashProgram"), dataIndex: "programName", key: "program", responsive: ["md"] },
            { title: t("dashNode"), dataIndex: "nodeName", key: "node" },
            { title: t("dashAssignee"), dataIndex: "assigneeName", key: "assignee" },
            { title: t("dueAt"), key: "due", responsive: ["md"], render: (_: unknown, r) => formatTime(r.dueAt, locale) },
            { title: t("dashOverdueBy"), key: "by", align: "right", render: (_: unknown, r) => <Tag color="red">{duration(r.overdueHours, locale)}</Tag> },
          ]}
        />
      </Card>
      {data.widgets.length > 0 && (
        <Row gutter={[16, 16]}>
          {data.widgets.map((w) => (
            <Col xs={24} md={12} key={w.id}>
              <WidgetTileView tile={w} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}

type Failure = { message: string; messageEn: string; fieldErrors?: Record<string, string> };

/** A refused export comes back to the dashboard in the address (the form posts as a plain download). */
function exportFailure(raw: string | null): Failure | undefined {
  if (!raw) return undefined;
  try {
    const e = JSON.parse(raw) as Failure;
    return typeof e.message === "string" && typeof e.messageEn === "string" ? e : undefined;
  } catch {
    return undefined;
  }
}

/** 导出: one program, CSV or Excel, masked unless 完整号码 is ticked with a purpose. */
function ExportCard({ data, failure }: { data: Data; failure?: Failure }) {
  const t = useT();
  const locale = useLocale();
  const [programId, setProgramId] = useState(data.filters.programId ?? data.programs[0]?.id ?? "");
  const reasonError = failure?.fieldErrors?.reason;
  const [unmasked, setUnmasked] = useState(Boolean(reasonError));
  return (
    <Card title={t("dashExport")} size="small">
      <Form method="post" action="/admin/export" reloadDocument className="nj-stack">
        <CsrfInput />
        {failure && !reasonError && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.messageEn : failure.message} />}
        <Typography.Text type="secondary">{t("dashExportNote")}</Typography.Text>
        {FILTER_KEYS.filter((k) => k !== "programId").map((k) => (
          <input key={k} type="hidden" name={k} value={data.filters[k] ?? ""} />
        ))}
        <input type="hidden" name="programId" value={programId} />
        <div>
          <label htmlFor="export-program">{t("dashProgram")}</label>
          <Select id="export-program" size="large" style={{ width: "100%" }} value={programId} onChange={setProgramId} options={data.programs.map((p) => ({ value: p.id, label: locale === "en" && p.nameEn ? p.nameEn : p.name }))} notFoundContent={t("dashNoCases")} />
        </div>
        <div>
          <Checkbox name="unmasked" value="1" checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)}>
            {t("dashUnmasked")}
          </Checkbox>
        </div>
        {unmasked && (
          <div>
            <label htmlFor="export-reason">{t("dashReason")}</label>
            <Input id="export-reason" name="reason" size="large" required minLength={2} maxLength={200} placeholder={t("dashReasonPlaceholder")} status={reasonError ? "error" : undefined} aria-invalid={Boolean(reasonError)} aria-describedby={reasonError ? "export-reason-error" : undefined} />
            {reasonError && (
              <div id="export-reason-error" role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
                {reasonError}
              </div>
            )}
          </div>
        )}
        <div className="nj-form-buttons">
          <Button htmlType="submit" name="format" value="csv" size="large" disabled={!programId}>
            {t("dashExportCsv")}
          </Button>
          <Button htmlType="submit" name="format" value="xlsx" type="primary" size="large" disabled={!programId}>
            {t("dashExportXlsx")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
