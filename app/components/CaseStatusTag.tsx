import { Tag } from "antd";
import { useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/messages";

const statusView: Record<string, { key: MessageKey; color: string }> = {
  running: { key: "statusRunning", color: "processing" },
  returned: { key: "statusReturned", color: "warning" },
  approved: { key: "statusApproved", color: "success" },
  rejected: { key: "statusRejected", color: "error" },
  withdrawn: { key: "statusWithdrawn", color: "default" },
  failed: { key: "statusFailed", color: "error" },
};

const viewOf = (status: string) => statusView[status] ?? { key: "statusRunning" as MessageKey, color: "default" };

/** The words for a case status (e.g. 已通过), where a tag does not fit (a printed sheet). */
export const statusLabelKey = (status: string): MessageKey => viewOf(status).key;

export function CaseStatusTag({ status }: { status: string }) {
  const t = useT();
  const view = viewOf(status);
  return <Tag color={view.color}>{t(view.key)}</Tag>;
}
