import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Badge, Card, Checkbox, Empty, Input, List, Select, Tabs, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { CaseStatusTag } from "~/components/CaseStatusTag";
import { TASK_ROLES, requirePermission, verifyCsrf } from "~/auth.server";
import { formatTime } from "~/components/CaseTimeline";
import { BulkApproveBar } from "~/components/inbox/BulkApproveBar";
import inboxStyles from "~/components/inbox/inbox.css?url";
import { commandErrorResponse, readForm } from "~/http.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/useT";
import { matchesSearch, services } from "~/services.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inboxStyles }];

const TABS = ["pending", "done", "cc", "mine"] as const;
type Tab = (typeof TABS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, TASK_ROLES);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const program = url.searchParams.get("program") ?? "";
  const [tasks, done, copies, mine] = await Promise.all([services.listMyTasks(user), services.listMyDoneTasks(user), services.listCopiedToMe(user), services.listMyCases(user)]);
  const keep = <T extends { caseNo: string; applicantName: string; programId: string; data: unknown }>(rows: T[]) => rows.filter((r) => matchesSearch(r, q, program || undefined));
  const now = Date.now();
  const programs = new Map<string, string>();
  for (const r of [...tasks, ...done, ...copies]) programs.set(r.programId, r.programName);
  // Dates become strings and overdue is decided here, so the page renders the same on server and client.
  return json({
    q,
    program,
    programs: [...programs].map(([value, label]) => ({ value, label })),
    pending: keep(tasks).map(({ data: _data, ...t }) => ({ ...t, receivedAt: t.receivedAt.toISOString(), dueAt: t.dueAt?.toISOString() ?? null, overdue: Boolean(t.dueAt && t.dueAt.getTime() < now) })),
    done: keep(done).map(({ data: _data, ...t }) => ({ ...t, completedAt: t.completedAt?.toISOString() ?? null })),
    copies: keep(copies).map(({ data: _data, ...c }) => ({ ...c, copiedAt: c.copiedAt.toISOString() })),
    mine: mine
      .filter((c) => matchesSearch({ caseNo: c.caseNo, applicantName: user.name, programId: c.programId }, q, program || undefined))
      .map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
  });
}

/** 批量同意 of the ticked 待办: each case is approved on its own; the answer lists what failed and why. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, TASK_ROLES);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    return json({ result: await services.bulkApprove(user, form.getAll("taskIds").map(String), String(form.get("comment") ?? "")) });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

/** `lead`: what stands before the row's link (the 批量 checkbox), outside it so a tick does not open the case. */
function CaseRow({ to, title, right, meta, lead }: { to: string; title: ReactNode; right: ReactNode; meta: ReactNode; lead?: ReactNode }) {
  return (
    <List.Item className={lead ? "nj-row-with-lead" : undefined}>
      {lead}
      <Link to={to} style={{ display: "block", flex: "1 1 0", minWidth: 0 }}>
        <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
          <strong style={{ minWidth: 0, overflowWrap: "anywhere" }}>{title}</strong>
          <span>{right}</span>
        </div>
        <div className="nj-muted">{meta}</div>
      </Link>
    </List.Item>
  );
}

export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tab: Tab = TABS.includes(params.get("tab") as Tab) ? (params.get("tab") as Tab) : "pending";
  const name = (row: { programName: string; programNameEn: string | null }) => (locale === "en" && row.programNameEn ? row.programNameEn : row.programName);
  const list = <T,>(rows: T[], empty: MessageKey, render: (row: T) => ReactNode) => (
    <Card size="small">{rows.length === 0 ? <Empty description={t(empty)} /> : <List dataSource={rows} renderItem={render} />}</Card>
  );
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    navigate(`?${p.toString()}`, { replace: true, preventScrollReset: true });
  };
  // Ticks for 批量同意; a task that left the list (approved, handled elsewhere) drops out of the selection.
  const bulkable = data.pending.filter((task) => task.allowBulk).map((task) => task.taskId);
  const [ticked, setTicked] = useState<string[]>([]);
  const picked = ticked.filter((id) => bulkable.includes(id));
  const tick = (id: string, on: boolean) => setTicked(on ? [...picked, id] : picked.filter((p) => p !== id));
  const pendingRow = (task: (typeof data.pending)[number]) => (
    <CaseRow
      to={`/inbox/tasks/${task.taskId}`}
      lead={
        task.allowBulk ? (
          <label className="nj-bulk-tick">
            <Checkbox checked={picked.includes(task.taskId)} onChange={(e) => tick(task.taskId, e.target.checked)} aria-label={t("bulkPick", { caseNo: task.caseNo })} />
          </label>
        ) : undefined
      }
      title={`${name(task)} · ${task.applicantName}`}
      right={
        <>
          {task.overdue && <Tag color="red">{t("overdue")}</Tag>}
          {task.claimedByMe && <Tag color="green">{t("claimedByMe")}</Tag>}
          {task.claimable && <Tag color="blue">{t("claimPool", { n: task.poolSize })}</Tag>}
          <span className="nj-muted">{task.taskName}</span>
        </>
      }
      meta={
        <>
          {task.caseNo} · {t("receivedAt")} {formatTime(task.receivedAt, locale)}
          {task.dueAt && ` · ${t("dueAt")} ${formatTime(task.dueAt, locale)}`}
        </>
      }
    />
  );
  const counted = (key: MessageKey, n: number, color: string) => (
    <span>
      {t(key)} <Badge count={n} showZero color={color} overflowCount={999} />
    </span>
  );

  return (
    <div className="nj-stack">
      <Typography.Title level={3} className="nj-page-title">
        {t("inbox")}
      </Typography.Title>
      <Form method="get" className="nj-inbox-filters" style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
        <input type="hidden" name="tab" value={tab} />
        <Input.Search name="q" defaultValue={data.q} placeholder={t("searchInbox")} aria-label={t("searchInbox")} allowClear enterButton size="large" style={{ flex: "1 1 260px" }} onSearch={(q) => go({ q })} />
        <Select
          aria-label={t("allPrograms")}
          size="large"
          style={{ flex: "0 1 220px", minWidth: 160 }}
          value={data.program}
          onChange={(program: string) => go({ program })}
          options={[{ value: "", label: t("allPrograms") }, ...data.programs]}
        />
      </Form>
      <Tabs
        activeKey={tab}
        onChange={(key) => go({ tab: key === "pending" ? "" : key })}
        items={[
          {
            key: "pending",
            label: counted("pendingTasks", data.pending.length, "#c8102e"),
            children: (
              <div className="nj-stack">
                <BulkApproveBar bulkable={bulkable} picked={picked} onPick={setTicked} />
                {list(data.pending, "noTasks", pendingRow)}
              </div>
            ),
          },
          {
            key: "done",
            label: counted("doneTasks", data.done.length, "#8c8c8c"),
            children: list(data.done, "noDone", (task) => (
              <CaseRow
                to={`/portal/cases/${task.caseId}`}
                title={`${name(task)} · ${task.applicantName}`}
                right={<CaseStatusTag status={task.caseStatus} />}
                meta={
                  <>
                    {task.caseNo} · {task.taskName}
                    {task.outcome && ` · ${t(`outcome_${task.outcome}` as MessageKey)}`}
                    {task.completedAt && ` · ${formatTime(task.completedAt, locale)}`}
                  </>
                }
              />
            )),
          },
          {
            key: "cc",
            label: counted("copiedToMe", data.copies.length, "#8c8c8c"),
            children: list(data.copies, "noCopies", (c) => (
              <CaseRow to={`/portal/cases/${c.caseId}`} title={`${name(c)} · ${c.applicantName}`} right={<CaseStatusTag status={c.status} />} meta={`${c.caseNo} · ${t("copiedAt")} ${formatTime(c.copiedAt, locale)}`} />
            )),
          },
          {
            key: "mine",
            label: counted("startedByMe", data.mine.length, "#8c8c8c"),
            children: list(data.mine, "noCases", (c) => (
              <CaseRow to={`/portal/cases/${c.id}`} title={name(c)} right={<CaseStatusTag status={c.status} />} meta={`${c.caseNo} · ${formatTime(c.createdAt, locale)}`} />
            )),
          },
        ]}
      />
    </div>
  );
}
