import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Alert, Card, Typography } from "antd";
import { useCallback, useState } from "react";
import { requireUser, verifyCsrf } from "~/auth.server";
import { formatTime } from "~/components/CaseTimeline";
import { FormRenderer } from "~/components/forms/FormRenderer";
import { UploadProvider } from "~/components/forms/UploadContext";
import { ApproverOptionsProvider } from "~/components/forms/ApproverOptionsContext";
import { useDraftAutosave, type AutosaveState } from "~/components/forms/useDraftAutosave";
import { useCsrfToken } from "~/components/CsrfInput";
import { commandErrorResponse, httpError, localeOf, parsePayload, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import type { FormSchema } from "../../forms/schema";
import { prefillValues } from "../../forms/prefillValues";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await services.getApplyPage(user, params.programId ?? "");
  if (!page) throw httpError(404, "notFound");
  const { program, version, draft, files, approverOptions } = page;
  return json({
    program: { id: program.id, name: program.name, nameEn: program.nameEn, description: program.description },
    formSchema: version.formSchema as FormSchema,
    draft,
    // A link may start some fields (a venue's free slot → 活动室, 日期, 时段); they win over the draft's.
    prefill: prefillValues(version.formSchema as FormSchema, new URL(request.url).searchParams),
    files,
    approverOptions,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    const result = await services.submitApplication(user, params.programId ?? "", parsePayload(form), String(form.get("submitKey") ?? ""), localeOf(request));
    // A full program puts the application on its waitlist: the portal shows its place in the queue.
    return redirect(result.status === "waitlisted" ? "/portal" : `/portal/cases/${result.caseId}`);
  } catch (err) {
    return commandErrorResponse(err);
  }
}

function AutosaveStatus({ state }: { state: AutosaveState }) {
  const t = useT();
  const locale = useLocale();
  const text =
    state.status === "saving" ? t("applyDraftSaving")
    : state.status === "saved" && state.savedAt ? t("applyDraftSaved", { time: formatTime(state.savedAt, locale) })
    : state.status === "failed" ? t("applyDraftFailed")
    : "";
  return (
    <div className="nj-autosave" aria-live="polite">
      {text}
    </div>
  );
}

export default function Apply() {
  const { program, formSchema, draft, prefill, files, approverOptions } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const csrf = useCsrfToken();
  const busy = useNavigation().state !== "idle";
  // One key per filled form: a double-clicked or retried submit creates one case, not two.
  const [submitKey] = useState(() => crypto.randomUUID());
  const autosave = useDraftAutosave({ url: `/portal/programs/${program.id}/draft`, csrf, submitKey });
  const uploadUrl = useCallback((fieldKey: string) => `/portal/programs/${program.id}/files?field=${encodeURIComponent(fieldKey)}`, [program.id]);
  return (
    <div className="nj-narrow nj-stack">
      <Link to="/portal">← {t("backToPortal")}</Link>
      <Typography.Title level={3} className="nj-page-title">
        {locale === "en" && program.nameEn ? program.nameEn : program.name}
      </Typography.Title>
      {program.description && <Typography.Paragraph type="secondary">{program.description}</Typography.Paragraph>}
      {draft && <Alert type="info" showIcon message={t("applyDraftRestored", { time: formatTime(draft.updatedAt, locale) })} />}
      {failure?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
      <Card>
        <UploadProvider files={files} uploadUrl={uploadUrl} csrf={csrf}>
          <ApproverOptionsProvider options={approverOptions}>
            <FormRenderer
              schema={formSchema}
              locale={locale}
              defaultValues={Object.keys(prefill).length ? { ...(draft?.data as Record<string, unknown> | undefined), ...prefill } : draft?.data}
              serverErrors={failure?.error?.fieldErrors}
              submitting={busy}
              submitLabel={t("submit")}
              onValuesChange={autosave.onValuesChange}
              onValidSubmit={(data) => {
                autosave.cancelPending();
                submit({ _csrf: csrf, submitKey, payload: JSON.stringify(data) }, { method: "post" });
              }}
            />
          </ApproverOptionsProvider>
        </UploadProvider>
        <AutosaveStatus state={autosave.state} />
      </Card>
    </div>
  );
}
