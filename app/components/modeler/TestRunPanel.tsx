import { useFetcher } from "@remix-run/react";
import { Alert, Button, Input, InputNumber, Select, Switch, Tag } from "antd";
import { useEffect, useState } from "react";
import type { Locale } from "~/i18n/messages";
import { useCsrfToken } from "~/components/CsrfInput";
import type { FlowFormField } from "../../../workflows/services/flowDrafts";
import type { PendingJob, TestRunResult, TestRunStep } from "../../../workflows/testRun/replayTestRun";
import type { CaseEvent } from "../../../workflows/types";
import { samplePeople } from "../../../workflows/testRun/sampleDirectory";
import { modelerText, type ModelerTextKey } from "./modelerText";

type Props = {
  locale: Locale;
  fields: FlowFormField[];
  /** The XML on the canvas when the run starts. */
  getXml: () => Promise<string>;
  /** Colour the diagram with the run so far (null: clear). */
  onResult: (result: TestRunResult | null) => void;
  /** Select a node on the canvas. */
  onSelect: (elementId: string) => void;
  /** A node's name on the canvas. */
  nodeName: (elementId: string) => string;
};

const statusKey: Record<TestRunStep["status"], ModelerTextKey> = {
  running: "statusRunning",
  returned: "statusReturned",
  approved: "statusApproved",
  rejected: "statusRejected",
  withdrawn: "statusWithdrawn",
  failed: "statusFailed",
};

const statusColor: Record<TestRunStep["status"], string> = { running: "processing", returned: "warning", approved: "success", rejected: "error", withdrawn: "default", failed: "error" };

const auditKey: Record<string, ModelerTextKey> = {
  submit: "actSubmit",
  approve: "actApprove",
  reject: "actReject",
  return: "actReturn",
  resubmit: "actResubmit",
  withdraw: "actWithdraw",
  transfer: "actTransfer",
  add_signer: "actAddSigner",
  cc: "actCc",
  timer: "actTimer",
  service_done: "actServiceDone",
  service_failed: "actServiceFailed",
};

/** Simulated times, shown in Beijing time (the engine counts working days there). */
const clock = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** Sample data is typed in for simple values only (what conditions usually test). */
const SAMPLE_KINDS = new Set(["string", "number", "boolean", "date", "stringList"]);

/** The sample chain's approvers, whom an approver picker (审批人自选) may name in a test run. */
const SAMPLE_APPROVERS = samplePeople.filter((p) => /^sample:(grassroots|street|district|city):\d+$/.test(p.id));

function sampleValue(field: FlowFormField, raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (field.valueKind === "stringList") return String(raw).split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  return raw;
}

/**
 * The test-run side panel: sample data, then the actions the flow allows next (as each approver,
 * the applicant, or a simulated timer/service), a log of the steps taken. Every click re-runs the
 * whole list of events on the server with the pure engine; nothing is stored.
 */
export function TestRunPanel({ locale, fields, getXml, onResult, onSelect, nodeName }: Props) {
  const t = (key: ModelerTextKey, params?: Record<string, string | number>) => modelerText(locale, key, params);
  const fetcher = useFetcher<{ testRun?: TestRunResult }>();
  const csrf = useCsrfToken();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [xml, setXml] = useState<string | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const result = fetcher.data?.testRun ?? null;
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    onResult(result);
  }, [result, onResult]);
  useEffect(() => () => onResult(null), [onResult]);

  const sampleFields = fields.filter((f) => SAMPLE_KINDS.has(f.valueKind));
  const pickerFields = fields.filter((f) => f.type === "approverPicker");
  const picked = (id: unknown) => SAMPLE_APPROVERS.filter((p) => p.id === id).map((p) => ({ id: p.id, name: p.name.zh }));
  const data = () =>
    Object.fromEntries([
      ...sampleFields.flatMap((f) => (sampleValue(f, values[f.key]) === undefined ? [] : [[f.key, sampleValue(f, values[f.key])]])),
      ...pickerFields.flatMap((f) => (picked(values[f.key]).length ? [[f.key, picked(values[f.key])]] : [])),
    ]);

  const submit = (flowXml: string, nextEvents: CaseEvent[]) => {
    setEvents(nextEvents);
    const form = new FormData();
    form.set("_csrf", csrf);
    form.set("intent", "testRun");
    form.set("payload", JSON.stringify({ xml: flowXml, data: data(), events: nextEvents }));
    fetcher.submit(form, { method: "post" });
  };

  const start = async () => {
    const current = await getXml();
    setXml(current);
    submit(current, []);
  };

  // What is waiting, in an admin's words: 办理时限 and 催办 of a step, a service call, a timer.
  const jobName = (j: PendingJob) => {
    const kind = j.kind === "service" ? "jobService" : j.key.startsWith("sla:") ? "jobSla" : j.key.startsWith("remind:") ? "jobRemind" : "jobTimer";
    return t(kind, { node: nodeName(j.nodeId) || j.nodeId });
  };
  const ok = result?.ok ? result : null;
  const last = ok?.steps[ok.steps.length - 1];
  const nameOf = (id: string) => ok?.people.find((p) => p.id === id)?.name[locale] ?? id;
  // A refused event is dropped so the admin can choose another.
  useEffect(() => {
    if (ok?.refusal) setEvents((list) => list.slice(0, ok.refusal!.index));
  }, [ok?.refusal]);

  return (
    <div className="nj-testrun" data-testid="testrun-panel">
      <p className="nj-muted">{t("runNote")}</p>
      <div className="nj-testrun-buttons">
        <Button type="primary" onClick={start} loading={busy && events.length === 0} data-testid="testrun-start">
          {result ? t("restart") : t("startRun")}
        </Button>
        {ok && events.length > 0 && (
          <Button onClick={() => xml && submit(xml, events.slice(0, -1))} disabled={busy}>
            {t("stepBack")}
          </Button>
        )}
      </div>
      {/* Sample data is asked for before the run; afterwards it folds away under the run. */}
      <details className="nj-testrun-data" open={!result} style={{ order: result ? 10 : 0 }}>
        <summary>{t("sampleData")}</summary>
        <p className="nj-muted">{t("sampleDataHelp")}</p>
        <div className="nj-testrun-fields">
          {sampleFields.map((f) => (
            <label key={f.key} className="nj-testrun-field">
              <span>{locale === "en" ? f.label.en || f.label.zh : f.label.zh}</span>
              {f.valueKind === "number" ? (
                <InputNumber size="small" value={values[f.key] as number | undefined} onChange={(v) => setValues({ ...values, [f.key]: v ?? undefined })} style={{ width: "100%" }} />
              ) : f.valueKind === "boolean" ? (
                <Switch size="small" checked={values[f.key] === true} onChange={(v) => setValues({ ...values, [f.key]: v })} />
              ) : (
                <Input size="small" value={String(values[f.key] ?? "")} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} placeholder={f.valueKind === "date" ? "2026-03-02" : f.key} />
              )}
            </label>
          ))}
          {pickerFields.map((f) => (
            <label key={f.key} className="nj-testrun-field">
              <span>{locale === "en" ? f.label.en || f.label.zh : f.label.zh}</span>
              <Select
                size="small"
                allowClear
                value={(values[f.key] as string | undefined) ?? undefined}
                onChange={(v: string | undefined) => setValues({ ...values, [f.key]: v })}
                options={SAMPLE_APPROVERS.map((p) => ({ value: p.id, label: `${p.name[locale]}（${p.role[locale]}）` }))}
                style={{ width: "100%" }}
              />
            </label>
          ))}
        </div>
      </details>
      {result && !result.ok && (
        <Alert
          type="error"
          showIcon
          message={t("notExecutable")}
          description={
            <ul className="nj-testrun-problems">
              {result.problems.map((p) => (
                <li key={p.key}>
                  <button type="button" className="nj-link" onClick={() => p.elementId && onSelect(p.elementId)}>
                    {p.name || p.elementId} {p.message[locale]}
                  </button>
                </li>
              ))}
            </ul>
          }
        />
      )}

      {ok && last && (
        <>
          {ok.refusal && <Alert type="warning" showIcon message={t("refused", { message: ok.refusal.message[locale] })} />}
          <section aria-label={t("nextActions")}>
            <h4>
              <Tag color={statusColor[last.status]} data-testid="testrun-status" data-status={last.status}>
                {t(statusKey[last.status])}
              </Tag>
              {last.openTasks.map((task) => (
                <span key={task.nodeId} className="nj-muted">
                  {task.name} · {t("waitingFor", { names: task.assignees.map(nameOf).join("、") })}
                </span>
              ))}
            </h4>
            {ok.next.length > 0 ? (
              <>
                <p className="nj-muted">{t("nextActions")}</p>
                <div className="nj-testrun-actions">
                  {ok.next.map((a, i) => (
                    <Button key={i} size="small" disabled={busy} onClick={() => xml && submit(xml, [...events, a.event])} danger={a.event.type === "REJECT" || a.event.type === "SERVICE_FAILED"}>
                      {a.label[locale]}
                    </Button>
                  ))}
                </div>
              </>
            ) : (
              <Alert type={last.status === "approved" ? "success" : "info"} showIcon message={t("finished", { status: t(statusKey[last.status]) })} data-testid="testrun-finished" />
            )}
          </section>
          <section aria-label={t("log")}>
            <h4>{t("log")}</h4>
            <ol className="nj-testrun-log" data-testid="testrun-log">
              {ok.steps.map((s) => (
                <li key={s.index}>
                  <span className="nj-muted">{clock.format(new Date(s.at))}</span>{" "}
                  <strong>{auditKey[s.audit.action] ? t(auditKey[s.audit.action]) : s.audit.action}</strong>
                  {s.audit.by && ` · ${nameOf(s.audit.by)}`}
                  {s.audit.nodeId && (
                    <>
                      {" · "}
                      <button type="button" className="nj-link" onClick={() => onSelect(s.audit.nodeId!)}>
                        {nodeName(s.audit.nodeId)}
                      </button>
                    </>
                  )}
                  {s.audit.comment && <span className="nj-muted">「{s.audit.comment}」</span>}
                  {" → "}
                  <Tag color={statusColor[s.status]}>{t(statusKey[s.status])}</Tag>
                  {s.pendingJobs.length > 0 && <span className="nj-muted">{t("jobs", { names: s.pendingJobs.map(jobName).join("、") })}</span>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
