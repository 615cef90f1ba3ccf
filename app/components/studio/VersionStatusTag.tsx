import { Tag } from "antd";
import { useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/messages";

const statusView: Record<string, { key: MessageKey; color: string }> = {
  draft: { key: "versionDraft", color: "gold" },
  published: { key: "versionPublished", color: "green" },
  retired: { key: "versionRetired", color: "default" },
};

/** "v2 草稿" — a program version's number and status. */
export function VersionStatusTag({ version, status }: { version: number; status: string }) {
  const t = useT();
  const view = statusView[status] ?? { key: "versionDraft" as MessageKey, color: "default" };
  return (
    <Tag color={view.color}>
      v{version} {t(view.key)}
    </Tag>
  );
}
