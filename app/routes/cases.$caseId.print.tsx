import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrinterOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { requireUser } from "~/auth.server";
import { ApprovalSheetView } from "~/components/sheet/ApprovalSheetView";
import sheetStyles from "~/components/sheet/approvalSheet.css?url";
import { commandErrorResponse } from "~/http.server";
import { useT } from "~/i18n/useT";
import { services } from "~/services.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: sheetStyles }];

/** The document title is the PDF's default file name when "saved as PDF". */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.sheet.programName}审批单 ${data.sheet.caseNo}` : "审批单" }];

/** 审批单: whoever may open the case page may print it (the sheet is built on that page's own view). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return json({ sheet: await services.getApprovalSheet(user, params.caseId ?? "") });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

export default function ApprovalSheetPage() {
  const { sheet } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="nj-sheet-toolbar nj-noprint">
        <Link to={`/portal/cases/${sheet.id}`}>← {t("backToCase")}</Link>
        <Button type="primary" size="large" icon={<PrinterOutlined />} className="nj-big-button" onClick={() => window.print()}>
          {t("print")}
        </Button>
        <span className="nj-sheet-hint">{t("sheetPdfHint")}</span>
      </div>
      <ApprovalSheetView sheet={sheet} />
    </>
  );
}
