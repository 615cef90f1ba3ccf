import { useFetcher } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Input, Popconfirm } from "antd";
import { useRef, useState } from "react";
import { CsrfInput } from "~/components/CsrfInput";
import { useLocale, useT } from "~/i18n/useT";

export type BulkOutcome = {
  result?: { approved: { taskId: string; caseNo: string }[]; failed: { taskId: string; caseNo: string; message: string; messageEn: string }[] };
  error?: { message: string; messageEn: string };
};

/** One fetcher for the bar and the page: the answer stays on screen after the approved rows leave the list. */
export const BULK_FETCHER = "bulk-approve";

type Props = {
  /** Tasks in the list whose node allows 批量审批. */
  bulkable: string[];
  picked: string[];
  onPick: (ids: string[]) => void;
};

/**
 * 批量同意 over the ticked tasks with one optional comment: select all, confirm, then the count
 * approved and, for each case that could not be approved, its number and the reason.
 */
export function BulkApproveBar({ bulkable, picked, onPick }: Props) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<BulkOutcome>({ key: BULK_FETCHER });
  const [comment, setComment] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const busy = fetcher.state !== "idle";
  const all = bulkable.length > 0 && picked.length === bulkable.length;
  const outcome = fetcher.state === "idle" ? fetcher.data : undefined;
  if (bulkable.length === 0 && !outcome) return null;
  const say = (m: { message: string; messageEn: string }) => (locale === "en" ? m.messageEn : m.message);
  return (
    <Card size="small" className="nj-bulk-bar">
      {bulkable.length > 0 && (
        <fetcher.Form method="post" className="nj-bulk-form" ref={formRef}>
          <CsrfInput />
          {picked.map((id) => (
            <input key={id} type="hidden" name="taskIds" value={id} />
          ))}
          <Checkbox className="nj-bulk-all" checked={all} indeterminate={picked.length > 0 && !all} onChange={(e) => onPick(e.target.checked ? bulkable : [])}>
            {t("bulkSelectAll")}（{bulkable.length}）
          </Checkbox>
          <Input name="comment" size="large" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t("bulkComment")} aria-label={t("bulkComment")} className="nj-bulk-comment" />
          <Popconfirm
            title={t("bulkConfirm", { n: picked.length })}
            okText={t("bulkApprove")}
            onConfirm={() => formRef.current && fetcher.submit(formRef.current, { method: "post" })}
          >
            <Button type="primary" size="large" className="nj-big-button" disabled={picked.length === 0 || busy} loading={busy}>
              {t("bulkApprove")}
              {picked.length > 0 && ` · ${t("bulkSelected", { n: picked.length })}`}
            </Button>
          </Popconfirm>
        </fetcher.Form>
      )}
      {outcome?.error && <Alert type="error" showIcon role="alert" message={say(outcome.error)} style={{ marginTop: 8 }} />}
      {outcome?.result && (
        <div role="status" style={{ marginTop: 8 }}>
          <Alert
            type={outcome.result.failed.length ? "warning" : "success"}
            showIcon
            message={t("bulkResult", { ok: outcome.result.approved.length })}
            description={
              outcome.result.failed.length > 0 && (
                <>
                  {t("bulkFailures", { n: outcome.result.failed.length })}
                  <ul className="nj-bulk-failures">
                    {outcome.result.failed.map((f) => (
                      <li key={f.taskId}>
                        {f.caseNo || f.taskId.slice(0, 8)}：{say(f)}
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          />
        </div>
      )}
    </Card>
  );
}
