import { Timeline, Typography } from "antd";
import { useLocale, useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/messages";
import { localized, type LocalizedText } from "../../forms/messages";

export type TimelineItem = {
  at: string;
  action: string;
  actorName: string | null;
  nodeId: string | null;
  comment: string | null;
  targetNames?: string[];
  signature?: string | null;
  changedFields?: LocalizedText[];
  returnedTo?: string | null;
};

const actionKeys: Record<string, MessageKey> = {
  submit: "actionSubmitted",
  submitted: "actionSubmitted",
  start: "actionSubmitted",
  approve: "actionApproved",
  approved: "actionApproved",
  reject: "actionRejected",
  rejected: "actionRejected",
  return: "actionReturned",
  returned: "actionReturned",
  resubmit: "actionResubmitted",
  resubmitted: "actionResubmitted",
  withdraw: "actionWithdrawn",
  withdrawn: "actionWithdrawn",
  service_done: "actionServiceDone",
  serviceDone: "actionServiceDone",
  transfer: "actionTransferred",
  add_signer: "actionAddSigner",
  cc: "actionCc",
  claim: "actionClaimed",
  release: "actionReleased",
  timer: "actionTimer",
  service_failed: "actionServiceFailed",
  cancel: "actionCancelled",
  purge: "actionPurged",
};

const colors: Record<string, string> = { reject: "red", rejected: "red", return: "orange", returned: "orange", withdraw: "gray", withdrawn: "gray", purge: "gray" };

/** The words for an audit action (approve → 同意); unknown actions are shown as they are. */
export function actionLabelKey(action: string): MessageKey | undefined {
  const normalized = action.replace(/^case\./, "").replace(/\./g, "_").toLowerCase();
  return actionKeys[action] ?? actionKeys[normalized];
}

export function formatTime(iso: string, locale: "zh" | "en"): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** Who did what, when, with their comment: the history an applicant and approver both read. */
export function CaseTimeline({ items }: { items: TimelineItem[] }) {
  const t = useT();
  const locale = useLocale();
  const label = (action: string) => {
    const key = actionLabelKey(action);
    return key ? t(key) : action;
  };
  return (
    <Timeline
      items={items.map((item) => ({
        color: colors[item.action.toLowerCase()] ?? "blue",
        children: (
          <div>
            <div>
              <strong>{label(item.action)}</strong> · {item.actorName ?? t("system")}
              {item.targetNames?.length ? ` → ${item.targetNames.join("、")}` : null}
              {item.returnedTo ? ` → ${item.returnedTo}` : null}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {formatTime(item.at, locale)}
            </Typography.Text>
            {item.changedFields?.length ? (
              <div style={{ marginTop: 4, wordBreak: "break-word" }}>
                {t("changedFields")}：{item.changedFields.map((f) => localized(f, locale)).join("、")}
              </div>
            ) : null}
            {item.comment && <div style={{ marginTop: 4, whiteSpace: "pre-wrap", wordBreak: "break-word" }}>“{item.comment}”</div>}
            {item.signature && <img src={item.signature} alt={`${t("signedBy")} · ${item.actorName ?? ""}`} style={{ display: "block", marginTop: 4, maxWidth: 200, maxHeight: 80, background: "#fff", border: "1px solid #f0f0f0" }} />}
          </div>
        ),
      }))}
    />
  );
}
