import { statusLabelKey } from "~/components/CaseStatusTag";
import { actionLabelKey, formatTime } from "~/components/CaseTimeline";
import { FormView } from "~/components/forms/FormView";
import { PurgedNotice } from "~/components/forms/PurgedNotice";
import { UploadProvider, type UploadedFile } from "~/components/forms/UploadContext";
import { useLocale, useT } from "~/i18n/useT";
import type { FormSchema } from "../../../forms/schema";

export type SheetData = {
  issuerName: string;
  caseNo: string;
  status: string;
  createdAt: string;
  printedAt: string;
  programName: string;
  programNameEn: string;
  applicantName: string;
  applicantOrgName: string;
  formSchema: FormSchema;
  data: Record<string, unknown>;
  purgedAt: string | null;
  files: UploadedFile[];
  decisions: { at: string; action: string; nodeName: string; actorName: string | null; comment: string | null; signature: string | null; targetNames: string[] }[];
};

/**
 * 审批单 as paper: issuing union, title, number; applicant; the form's answers (the case page's own
 * FormView, so amounts carry 金额大写 and hidden answers stay hidden); each decision with its
 * step, approver, opinion, handwritten signature and time. Sized for A4 in approvalSheet.css.
 */
export function ApprovalSheetView({ sheet }: { sheet: SheetData }) {
  const t = useT();
  const locale = useLocale();
  const program = locale === "en" && sheet.programNameEn ? sheet.programNameEn : sheet.programName;
  const actionText = (action: string) => {
    const key = actionLabelKey(action);
    return key ? t(key) : action;
  };
  return (
    <article className="nj-sheet" aria-label={t("sheetTitle", { program })}>
      <header className="nj-sheet-head">
        <div className="nj-sheet-issuer">{sheet.issuerName}</div>
        <h1 className="nj-sheet-title">{t("sheetTitle", { program })}</h1>
        <div className="nj-sheet-meta">
          <span>
            {t("caseNo")}：<strong>{sheet.caseNo}</strong>
          </span>
          <span>
            {t("sheetPrintedAt")}：{formatTime(sheet.printedAt, locale)}
          </span>
        </div>
      </header>
      <table className="nj-sheet-grid">
        <tbody>
          <tr>
            <th scope="row">{t("applicant")}</th>
            <td>{sheet.applicantName}</td>
            <th scope="row">{t("orgLabel")}</th>
            <td>{sheet.applicantOrgName}</td>
          </tr>
          <tr>
            <th scope="row">{t("submittedAt")}</th>
            <td>{formatTime(sheet.createdAt, locale)}</td>
            <th scope="row">{t("status")}</th>
            <td>{t(statusLabelKey(sheet.status))}</td>
          </tr>
        </tbody>
      </table>
      <section className="nj-sheet-section">
        <h2>{t("formData")}</h2>
        <div className="nj-sheet-form">
          {sheet.purgedAt ? (
            <PurgedNotice purgedAt={sheet.purgedAt} />
          ) : (
            <UploadProvider files={sheet.files}>
              <FormView schema={sheet.formSchema} data={sheet.data} locale={locale} />
            </UploadProvider>
          )}
        </div>
      </section>
      <section className="nj-sheet-section">
        <h2>{t("sheetDecisions")}</h2>
        {sheet.decisions.length === 0 ? (
          <p className="nj-sheet-empty">{t("sheetNoDecisions")}</p>
        ) : (
          <table className="nj-sheet-decisions">
            <thead>
              <tr>
                <th scope="col">{t("sheetNode")}</th>
                <th scope="col">{t("sheetApprover")}</th>
                <th scope="col">{t("sheetOpinion")}</th>
                <th scope="col">{t("sheetSignature")}</th>
                <th scope="col">{t("sheetTime")}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.decisions.map((d, i) => (
                <tr key={`${d.at}-${i}`}>
                  <td data-label={t("sheetNode")}>{d.nodeName}</td>
                  <td data-label={t("sheetApprover")}>{d.actorName ?? t("system")}</td>
                  <td data-label={t("sheetOpinion")}>
                    <strong>{actionText(d.action)}</strong>
                    {d.targetNames.length > 0 && ` → ${d.targetNames.join("、")}`}
                    {d.comment && <div className="nj-sheet-comment">{d.comment}</div>}
                  </td>
                  <td data-label={t("sheetSignature")}>{d.signature && <img src={d.signature} alt={`${t("signedBy")} · ${d.actorName ?? ""}`} className="nj-sheet-signature" />}</td>
                  <td data-label={t("sheetTime")}>{formatTime(d.at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <footer className="nj-sheet-foot">{t("sheetFooter")}</footer>
    </article>
  );
}
