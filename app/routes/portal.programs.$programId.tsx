import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Alert, Card, Typography } from "antd";
import { useState } from "react";
import { requireUser, verifyCsrf } from "~/auth.server";
import { FormRenderer } from "~/components/forms/FormRenderer";
import { useCsrfToken } from "~/components/CsrfInput";
import { commandErrorResponse, httpError, localeOf, parsePayload, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import type { FormSchema } from "../../forms/schema";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await services.getProgramForApply(user, params.programId ?? "");
  if (!found) throw httpError(404, "notFound");
  return json({ program: { id: found.program.id, name: found.program.name, nameEn: found.program.nameEn, description: found.program.description }, formSchema: found.version.formSchema as FormSchema });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    const result = await services.submitApplication(user, params.programId ?? "", parsePayload(form), String(form.get("submitKey") ?? ""), localeOf(request));
    return redirect(`/portal/cases/${result.caseId}`);
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function Apply() {
  const { program, formSchema } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const csrf = useCsrfToken();
  const busy = useNavigation().state !== "idle";
  // One key per filled form: a double-clicked or retried submit creates one case, not two.
  const [submitKey] = useState(() => crypto.randomUUID());
  return (
    <div className="nj-narrow nj-stack">
      <Link to="/portal">← {t("backToPortal")}</Link>
      <Typography.Title level={3} className="nj-page-title">
        {locale === "en" && program.nameEn ? program.nameEn : program.name}
      </Typography.Title>
      {program.description && <Typography.Paragraph type="secondary">{program.description}</Typography.Paragraph>}
      {failure?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
      <Card>
        <FormRenderer
          schema={formSchema}
          locale={locale}
          serverErrors={failure?.error?.fieldErrors}
          submitting={busy}
          submitLabel={t("submit")}
          onValidSubmit={(data) => submit({ _csrf: csrf, submitKey, payload: JSON.stringify(data) }, { method: "post" })}
        />
      </Card>
    </div>
  );
}
