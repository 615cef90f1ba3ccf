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

export function CaseStatusTag({ status }: { status: string }) {
  const t = useT();
  const view = statusView[status] ?? { key: "statusRunning" as MessageKey, color: "default" };
  return <Tag color={view.color}>{t(view.key)}</Tag>;
}
