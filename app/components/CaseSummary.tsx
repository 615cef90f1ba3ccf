import { Card, Descriptions } from "antd";
import type { ReactNode } from "react";
import { CaseStatusTag } from "./CaseStatusTag";
import { formatTime } from "./CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";

type Summary = {
  caseNo: string;
  status: string;
  createdAt: string;
  applicantName: string;
  programName: string;
  programNameEn: string;
  openTasks: { name: string; assigneeName: string; claimed?: boolean }[];
};

/** The header block of a case: number, program, applicant, status and who holds it now. */
export function CaseSummary({ view, extra }: { view: Summary; extra?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card title={locale === "en" && view.programNameEn ? view.programNameEn : view.programName} extra={<CaseStatusTag status={view.status} />}>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t("caseNo")}>{view.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t("applicant")}>{view.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t("submittedAt")}>{formatTime(view.createdAt, locale)}</Descriptions.Item>
        {view.openTasks.length > 0 && (
          <Descriptions.Item label={t("node")}>
            {[...new Set(view.openTasks.map((o) => o.name))].join("、")}（{view.openTasks.map((o) => (o.claimed ? `${o.assigneeName} ${t("claimedByMe")}` : o.assigneeName)).join("、")}）
          </Descriptions.Item>
        )}
      </Descriptions>
      {extra}
    </Card>
  );
}
