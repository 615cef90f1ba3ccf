import { Alert } from "antd";
import { formatTime } from "~/components/CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";

/** In place of the form's answers once the retention period removed them (资料保存期限). */
export function PurgedNotice({ purgedAt }: { purgedAt: string }) {
  const t = useT();
  const locale = useLocale();
  return <Alert type="info" showIcon message={t("dataPurged", { date: formatTime(purgedAt, locale) })} />;
}
