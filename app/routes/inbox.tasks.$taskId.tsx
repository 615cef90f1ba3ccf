import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, Space } from "antd";
import { useState } from "react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CaseSummary } from "~/components/CaseSummary";
import { CaseTimeline } from "~/components/CaseTimeline";
import { CsrfInput } from "~/components/CsrfInput";
import { FormView } from "~/components/forms/FormView";
import { commandErrorResponse, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services, type Decision } from "~/services.server";

const ACTIONS = ["approve", "return", "reject"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "approver");
  try {
    const task = await services.getTask(user, params.taskId ?? "");
    const view = await services.getCaseView(user, task.caseId);
    return json({ task: { id: task.id, name: task.name, status: task.status, nodeId: task.nodeId }, view });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "approver");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const decision = form.get("decision");
  if (!ACTIONS.includes(decision as Decision["action"])) {
    return json({ error: { code: "invalidData", message: "请选择审批决定", messageEn: "Choose a decision", fieldErrors: {} } }, { status: 400 });
  }
  try {
    await services.decideTask(user, params.taskId ?? "", { action: decision as Decision["action"], comment: String(form.get("comment") ?? "") });
    return redirect("/inbox");
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function TaskPage() {
  const { task, view } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const [comment, setComment] = useState("");
  const commentError = failure?.error?.fieldErrors?.comment;
  const fields = (view.formSchema as { fields?: { key: string }[] }).fields ?? [];
  const permissions = Object.fromEntries(fields.map((f) => [f.key, "readonly" as const]));
  return (
    <div className="nj-stack" style={{ maxWidth: 960, margin: "0 auto" }}>
      <Link to="/inbox">← {t("backToInbox")}</Link>
      <CaseSummary view={view} />
      <Card title={t("formData")}>
        <FormView schema={view.formSchema} data={view.data} locale={locale} fieldPermissions={permissions} />
      </Card>
      <Card title={t("timeline")}>
        <CaseTimeline items={view.timeline} />
      </Card>
      {task.status === "open" ? (
        <Card title={`${t("decision")} · ${task.name}`}>
          <Form method="post" className="nj-stack">
            <CsrfInput />
            {failure?.error && !commentError && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
            <div>
              <label htmlFor="comment">{t("comment")}</label>
              <Input.TextArea
                id="comment"
                name="comment"
                rows={3}
                maxLength={2000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                placeholder={t("commentPlaceholder")}
                status={commentError ? "error" : undefined}
                aria-invalid={Boolean(commentError)}
                aria-describedby={commentError ? "comment-error" : undefined}
              />
              {commentError && (
                <div id="comment-error" role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
                  {commentError}
                </div>
              )}
            </div>
            <Space wrap style={{ width: "100%" }}>
              <Button type="primary" htmlType="submit" name="decision" value="approve" className="nj-big-button" disabled={busy}>
                {t("approve")}
              </Button>
              <Button htmlType="submit" name="decision" value="return" className="nj-big-button" disabled={busy}>
                {t("return")}
              </Button>
              <Button danger htmlType="submit" name="decision" value="reject" className="nj-big-button" disabled={busy}>
                {t("reject")}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon message={t("alreadyHandled")} />
      )}
    </div>
  );
}
