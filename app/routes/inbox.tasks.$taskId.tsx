import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, Radio, Select, Space, Typography } from "antd";
import { useCallback, useState } from "react";
import { TASK_ROLES, requirePermission, verifyCsrf } from "~/auth.server";
import { CaseSummary } from "~/components/CaseSummary";
import { CaseTimeline } from "~/components/CaseTimeline";
import { CsrfInput } from "~/components/CsrfInput";
import { ClaimCard } from "~/components/inbox/ClaimCard";
import inboxStyles from "~/components/inbox/inbox.css?url";
import { SignatureInput } from "~/components/forms/SignatureInput";
import { FormView } from "~/components/forms/FormView";
import { FormRenderer } from "~/components/forms/FormRenderer";
import { UploadProvider } from "~/components/forms/UploadContext";
import { MaskedNotice } from "~/components/forms/MaskedNotice";
import { RevealProvider, revealNeedsNoReload } from "~/components/forms/RevealContext";
import { editableKeys } from "../../forms/fieldAccess";
import { commandErrorResponse, localeOf, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/messages";
import { services, type Decision, type TaskCommand } from "~/services.server";

const ACTIONS = ["approve", "return", "reject"] as const;
const HAND_OFFS = ["transfer", "addBefore", "addAfter", "cc"] as const;
type HandOff = (typeof HAND_OFFS)[number];

/** How each hand-off choice in the form becomes a service command. */
const handOffCommands: Record<HandOff, (people: string[], comment: string) => TaskCommand> = {
  transfer: (people, comment) => ({ action: "transfer", to: people[0] ?? "", comment }),
  addBefore: (people, comment) => ({ action: "addSigner", userId: people[0] ?? "", position: "before", comment }),
  addAfter: (people, comment) => ({ action: "addSigner", userId: people[0] ?? "", position: "after", comment }),
  cc: (people, comment) => ({ action: "cc", userIds: people, comment }),
};
const handOffAction: Record<HandOff, "transfer" | "addSigner" | "cc"> = { transfer: "transfer", addBefore: "addSigner", addAfter: "addSigner", cc: "cc" };

export const shouldRevalidate = revealNeedsNoReload;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inboxStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, TASK_ROLES);
  try {
    // 隐藏 fields of this node never reach the approver's browser; personal numbers come masked.
    const { task, view, access } = await services.taskCaseView(user, params.taskId ?? "");
    const allowed = await services.taskActions(task.id);
    const colleagues = task.status === "open" ? await services.colleaguesFor(user, task.id) : [];
    const claim = await services.taskClaimState(user, task.id);
    return json({ task: { id: task.id, name: task.name, status: task.status, nodeId: task.nodeId }, view, allowed, colleagues, access, claim, me: user.id });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, TASK_ROLES);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const intent = form.get("intent");
  if (intent === "claim" || intent === "release") {
    try {
      if (intent === "claim") await services.claimTask(user, params.taskId ?? "");
      else await services.releaseTask(user, params.taskId ?? "");
      // A released task goes back to the pool: the caller's list is where they continue.
      return redirect(intent === "claim" ? `/inbox/tasks/${params.taskId}` : "/inbox");
    } catch (err) {
      return commandErrorResponse(err);
    }
  }
  const handOff = form.get("handOff");
  if (handOff !== null) {
    if (!HAND_OFFS.includes(handOff as HandOff)) {
      return json({ error: { code: "invalidData", message: "请选择操作", messageEn: "Choose an action", fieldErrors: {} } }, { status: 400 });
    }
    const people = form.getAll("people").map(String).filter(Boolean);
    try {
      await services.commandTask(user, params.taskId ?? "", handOffCommands[handOff as HandOff](people, String(form.get("handOffComment") ?? "")));
      // After 转办 or 前加签 the task is no longer the caller's; after 抄送 or 后加签 it still is.
      const keepsTask = handOff === "cc" || handOff === "addAfter";
      return redirect(keepsTask ? `/inbox/tasks/${params.taskId}?sent=${handOff}` : "/inbox");
    } catch (err) {
      return commandErrorResponse(err);
    }
  }
  const decision = form.get("decision");
  if (!ACTIONS.includes(decision as Decision["action"])) {
    return json({ error: { code: "invalidData", message: "请选择审批决定", messageEn: "Choose a decision", fieldErrors: {} } }, { status: 400 });
  }
  const edits = parseEdits(form.get("edits"));
  if (edits === null) {
    return json({ error: { code: "invalidData", message: "修改内容格式不正确", messageEn: "The changes are not in the expected format", fieldErrors: {} } }, { status: 400 });
  }
  try {
    const signature = String(form.get("signature") ?? "") || undefined;
    const returnTo = String(form.get("returnTo") ?? "") || undefined;
    const choice = { action: decision as Decision["action"], comment: String(form.get("comment") ?? ""), signature, edits, returnTo };
    await services.decideTask(user, params.taskId ?? "", choice, localeOf(request));
    return redirect("/inbox");
  } catch (err) {
    return commandErrorResponse(err);
  }
}

/** The approver's changes to 可编辑 fields, posted as JSON beside the decision; null when malformed. */
function parseEdits(raw: FormDataEntryValue | null): Record<string, unknown> | undefined | null {
  if (raw === null || raw === "") return undefined;
  try {
    const value: unknown = JSON.parse(String(raw));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const DECISION_FIELDS = new Set(["comment", "signature", "returnTo", "to", "userId", "userIds"]);

export default function TaskPage() {
  const { task, view, allowed, colleagues, access, claim, me } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const [comment, setComment] = useState("");
  // Says which of this step's decisions need a written opinion (同意 too, where the step asks).
  const commentActions = ACTIONS.filter((a) => allowed.actions.includes(a) && allowed.commentRequiredOn.includes(a));
  const commentHint = commentActions.length ? t("commentPlaceholder", { actions: commentActions.map((a) => allowed.labels[a]?.[locale] || t(a)).join(t("commentActionJoin")) }) : t("commentOptional");
  const [signature, setSignature] = useState<string | null>(null);
  const [returnTo, setReturnTo] = useState("applicant");
  // A colleague's claim (认领) leaves this approver nothing to do until it is released.
  const heldByOther = Boolean(claim.claimedBy && claim.claimedBy.id !== me);
  const mayAct = task.status === "open" && !heldByOther;
  const editable = mayAct && editableKeys(access).length > 0;
  const [edits, setEdits] = useState<Record<string, unknown> | null>(null);
  const onValuesChange = useCallback(
    (values: Record<string, unknown>) => setEdits(Object.fromEntries(Object.entries(values).filter(([k]) => access[k] === "editable"))),
    [access],
  );
  const formErrors = Object.fromEntries(Object.entries(failure?.error?.fieldErrors ?? {}).filter(([k]) => !DECISION_FIELDS.has(k)));
  const signatureError = failure?.error?.fieldErrors?.signature;
  const commentError = failure?.error?.fieldErrors?.comment;
  const handOffFailed = ["to", "userId", "userIds"].some((k) => failure?.error?.fieldErrors?.[k]);
  return (
    <div className="nj-stack" style={{ maxWidth: 960, margin: "0 auto" }}>
      <div className="nj-page-links">
        <Link to="/inbox">← {t("backToInbox")}</Link>
        <Link to={`/cases/${view.id}/print`}>{t("printSheet")}</Link>
      </div>
      <CaseSummary view={view} />
      <Card title={t("formData")}>
        <UploadProvider files={view.files}>
          {editable ? (
            <>
              <Alert type="info" showIcon message={t("editableHint")} style={{ marginBottom: 16 }} />
              <FormRenderer
                schema={view.formSchema}
                locale={locale}
                defaultValues={view.data}
                fieldPermissions={access}
                serverErrors={Object.keys(formErrors).length ? formErrors : undefined}
                onValidSubmit={() => {}}
                onValuesChange={onValuesChange}
                embedded
              />
            </>
          ) : (
            <RevealProvider value={{ caseId: view.id, masked: view.masked, canReveal: view.canReveal, taskId: task.id }}>
              <MaskedNotice count={view.masked.length} canReveal={view.canReveal} />
              <FormView schema={view.formSchema} data={view.data} locale={locale} fieldPermissions={access} />
            </RevealProvider>
          )}
        </UploadProvider>
      </Card>
      <Card title={t("timeline")}>
        <CaseTimeline items={view.timeline} />
      </Card>
      {task.status === "open" && <ClaimCard claim={claim} me={me} busy={busy} />}
      {mayAct ? (
        <Card title={`${t("decision")} · ${task.name}`}>
          <Form method="post" className="nj-stack">
            <CsrfInput />
            {editable && edits && <input type="hidden" name="edits" value={JSON.stringify(edits)} />}
            {failure?.error && !commentError && !handOffFailed && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
            <div>
              <label htmlFor="comment">{t("comment")}</label>
              <Input.TextArea
                id="comment"
                name="comment"
                rows={3}
                maxLength={2000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                placeholder={commentHint}
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
            {allowed.actions.includes("return") && allowed.returnTargets.length > 0 && (
              <div>
                <label htmlFor="returnTo">{t("returnTo")}</label>
                <Select
                  id="returnTo"
                  size="large"
                  style={{ width: "100%" }}
                  value={returnTo}
                  onChange={setReturnTo}
                  options={[{ value: "applicant", label: t("returnToApplicant") }, ...allowed.returnTargets.map((r) => ({ value: r.nodeId, label: r.name }))]}
                  status={failure?.error?.fieldErrors?.returnTo ? "error" : undefined}
                />
                <input type="hidden" name="returnTo" value={returnTo} />
                {failure?.error?.fieldErrors?.returnTo && (
                  <div role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
                    {failure.error.fieldErrors.returnTo}
                  </div>
                )}
              </div>
            )}
            {allowed.signature !== "none" && (
              <div>
                <label htmlFor="signature">
                  {t("approverSignature")}
                  {allowed.signature === "required" ? ` (${t("signatureRequiredOnApprove")})` : ""}
                </label>
                <SignatureInput
                  id="signature"
                  value={signature}
                  onChange={setSignature}
                  onBlur={() => {}}
                  disabled={busy}
                  invalid={Boolean(signatureError)}
                  locale={locale}
                  aria={{ "aria-invalid": Boolean(signatureError), "aria-describedby": signatureError ? "signature-error" : undefined }}
                />
                <input type="hidden" name="signature" value={signature ?? ""} />
                {signatureError && (
                  <div id="signature-error" role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
                    {signatureError}
                  </div>
                )}
              </div>
            )}
            <Space wrap style={{ width: "100%" }}>
              {ACTIONS.filter((a) => allowed.actions.includes(a)).map((a) => (
                <Button key={a} type={a === "approve" ? "primary" : "default"} danger={a === "reject"} htmlType="submit" name="decision" value={a} className="nj-big-button" disabled={busy}>
                  {allowed.labels[a]?.[locale] || t(a)}
                </Button>
              ))}
            </Space>
          </Form>
        </Card>
      ) : (
        !heldByOther && <Alert type="info" showIcon message={t("alreadyHandled")} />
      )}
      {mayAct && HAND_OFFS.some((h) => allowed.actions.includes(handOffAction[h])) && (
        <HandOffCard allowed={allowed.actions} colleagues={colleagues} busy={busy} fieldErrors={failure?.error?.fieldErrors} />
      )}
    </div>
  );
}

type HandOffProps = {
  allowed: string[];
  colleagues: { id: string; name: string; orgName: string }[];
  busy: boolean;
  fieldErrors?: Record<string, string>;
};

const sentMessages: Record<string, MessageKey> = { cc: "sentCc", addAfter: "sentAddAfter" };
const handOffLabels: Record<HandOff, MessageKey> = { transfer: "transfer", addBefore: "addSignerBefore", addAfter: "addSignerAfter", cc: "cc" };

/** 转办 / 加签 / 抄送: pick what to do and whom; the people offered are approvers who may see this case. */
function HandOffCard({ allowed, colleagues, busy, fieldErrors }: HandOffProps) {
  const t = useT();
  const choices = HAND_OFFS.filter((h) => allowed.includes(handOffAction[h]));
  const [kind, setKind] = useState<HandOff>(choices[0]);
  const [people, setPeople] = useState<string[]>([]);
  const sent = new URLSearchParams(useLocation().search).get("sent");
  const peopleError = fieldErrors?.to ?? fieldErrors?.userId ?? fieldErrors?.userIds;
  return (
    <Card title={t("moreActions")}>
      <Form method="post" className="nj-stack">
        <CsrfInput />
        {sent && sent in sentMessages && <Alert type="success" showIcon message={t(sentMessages[sent])} />}
        <Typography.Text type="secondary">{t("handOffHint")}</Typography.Text>
        <div role="radiogroup" aria-label={t("handOffKind")}>
          <Radio.Group
            name="handOff"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as HandOff);
              setPeople((p) => p.slice(0, 1));
            }}
            className="nj-radio-stack"
          >
            {choices.map((h) => (
              <Radio key={h} value={h}>
                {t(handOffLabels[h])}
              </Radio>
            ))}
          </Radio.Group>
        </div>
        <div>
          <label htmlFor="handoff-people">{t("handOffPerson")}</label>
          <Select
            id="handoff-people"
            mode={kind === "cc" ? "multiple" : undefined}
            showSearch
            allowClear
            style={{ width: "100%" }}
            size="large"
            placeholder={t("handOffPersonPlaceholder")}
            notFoundContent={t("noColleagues")}
            optionFilterProp="label"
            value={kind === "cc" ? people : people[0]}
            onChange={(v: string | string[] | undefined) => setPeople(v === undefined ? [] : Array.isArray(v) ? v : [v])}
            options={colleagues.map((c) => ({ value: c.id, label: `${c.name} · ${c.orgName}` }))}
            status={peopleError ? "error" : undefined}
            aria-invalid={Boolean(peopleError)}
            aria-describedby={peopleError ? "handoff-people-error" : undefined}
          />
          {people.map((p) => (
            <input key={p} type="hidden" name="people" value={p} />
          ))}
          {peopleError && (
            <div id="handoff-people-error" role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
              {peopleError}
            </div>
          )}
        </div>
        <div>
          <label htmlFor="handOffComment">{t("handOffNote")}</label>
          <Input.TextArea id="handOffComment" name="handOffComment" rows={2} maxLength={2000} />
        </div>
        <Button htmlType="submit" className="nj-big-button" disabled={busy || people.length === 0}>
          {t("handOffSubmit")}
        </Button>
      </Form>
    </Card>
  );
}
