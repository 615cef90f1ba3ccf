import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Alert, Button, Card, Input, Result } from "antd";
import { requireUser, verifyCsrf } from "~/auth.server";
import { CaseSummary } from "~/components/CaseSummary";
import { CaseTimeline } from "~/components/CaseTimeline";
import { CsrfInput, useCsrfToken } from "~/components/CsrfInput";
import { FormRenderer } from "~/components/forms/FormRenderer";
import { FormView } from "~/components/forms/FormView";
import { UploadProvider } from "~/components/forms/UploadContext";
import { ApproverOptionsProvider } from "~/components/forms/ApproverOptionsContext";
import { PurgedNotice } from "~/components/forms/PurgedNotice";
import { MaskedNotice } from "~/components/forms/MaskedNotice";
import { RevealProvider, revealNeedsNoReload } from "~/components/forms/RevealContext";
import { commandErrorResponse, localeOf, parsePayload, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export const shouldRevalidate = revealNeedsNoReload;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const view = await services.getCaseView(user, params.caseId ?? "");
    // Whoever holds an open task on the case works from the task page, which hides what their step hides.
    if (!view.isApplicant && view.myOpenTask) return redirect(`/inbox/tasks/${view.myOpenTask.id}`);
    const mayCancel = view.isApplicant && view.status === "approved" && (await services.mayCancelEnrolment(user, view.id));
    return json({ view, memberNo: view.isApplicant ? view.applicantMemberNo : null, mayCancel });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const caseId = params.caseId ?? "";
  try {
    if (form.get("intent") === "withdraw") await services.withdrawCase(user, caseId);
    else if (form.get("intent") === "cancelEnrolment") await services.cancelEnrolment(user, caseId, String(form.get("reason") ?? ""));
    else await services.resubmitCase(user, caseId, parsePayload(form), localeOf(request));
    return redirect(`/portal/cases/${caseId}`);
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function CasePage() {
  const { view, memberNo, mayCancel } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const csrf = useCsrfToken();
  const busy = useNavigation().state !== "idle";
  const returned = view.isApplicant && view.status === "returned";
  // Files added while answering a return are checked against the case's own form version.
  const uploadUrl = (fieldKey: string) => `/portal/programs/${view.programId}/files?field=${encodeURIComponent(fieldKey)}&case=${view.id}`;
  const lastComment = [...view.timeline].reverse().find((e) => e.comment)?.comment;
  return (
    <div className="nj-narrow nj-stack">
      <div className="nj-page-links">
        <Link to="/portal">← {t("backToPortal")}</Link>
        <Link to={`/cases/${view.id}/print`}>{t("printSheet")}</Link>
      </div>
      <CaseSummary view={view} />
      {view.status === "approved" && memberNo && (
        <Result status="success" title={t("statusApproved")} subTitle={`${t("welcomeMember")} ${memberNo}`} style={{ background: "#fff", borderRadius: 8 }} />
      )}
      {failure?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
      <UploadProvider files={view.files} uploadUrl={returned ? uploadUrl : null} csrf={csrf}>
        {returned ? (
          <Card title={t("resubmit")}>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t("returnedNotice")} description={lastComment ? `“${lastComment}”` : undefined} />
            <ApproverOptionsProvider options={view.approverOptions}>
              <FormRenderer
                schema={view.formSchema}
                locale={locale}
                defaultValues={view.data}
                serverErrors={failure?.error?.fieldErrors}
                submitting={busy}
                submitLabel={t("resubmit")}
                onValidSubmit={(data) => submit({ _csrf: csrf, intent: "resubmit", payload: JSON.stringify(data) }, { method: "post" })}
              />
            </ApproverOptionsProvider>
          </Card>
        ) : (
          <Card title={t("formData")}>
            <RevealProvider value={{ caseId: view.id, masked: view.masked, canReveal: view.canReveal }}>
              <MaskedNotice count={view.masked.length} canReveal={view.canReveal} />
              {view.purgedAt ? <PurgedNotice purgedAt={view.purgedAt} /> : <FormView schema={view.formSchema} data={view.data} locale={locale} />}
            </RevealProvider>
          </Card>
        )}
      </UploadProvider>
      <Card title={t("timeline")}>
        <CaseTimeline items={view.timeline} />
      </Card>
      {view.canWithdraw && (
        <Form method="post" onSubmit={(e) => !confirm(t("withdrawConfirm")) && e.preventDefault()}>
          <CsrfInput />
          <input type="hidden" name="intent" value="withdraw" />
          <Button htmlType="submit" danger block className="nj-big-button" loading={busy}>
            {t("withdraw")}
          </Button>
        </Form>
      )}
      {mayCancel && (
        <Card title={t("cancelEnrolment")}>
          <Form method="post" className="nj-stack" onSubmit={(e) => !confirm(t("cancelEnrolmentConfirm")) && e.preventDefault()}>
            <CsrfInput />
            <input type="hidden" name="intent" value="cancelEnrolment" />
            <div className="nj-muted">{t("cancelEnrolmentHint")}</div>
            <label htmlFor="cancel-reason">{t("cancelReason")}</label>
            <Input.TextArea id="cancel-reason" name="reason" rows={2} maxLength={500} />
            <Button htmlType="submit" danger block className="nj-big-button" loading={busy}>
              {t("cancelEnrolment")}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
