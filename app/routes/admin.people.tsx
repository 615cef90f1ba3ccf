import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { commandErrorResponse, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  try {
    return json({ orgs: await services.listOrgPeople(user), me: user.id });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const fields = { orgId: String(form.get("orgId") ?? ""), role: String(form.get("role") ?? "") };
  try {
    if (form.get("intent") === "revoke") {
      await services.revokeOrgRole(user, { ...fields, userId: String(form.get("userId") ?? "") });
      return json({ done: true as const });
    }
    const added = await services.grantOrgRole(user, { ...fields, mobile: String(form.get("mobile") ?? "") });
    return json({ done: true as const, added: added.name });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

type Result = { done?: true; added?: string; error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } };

/** 审批人与管理员: who approves and who administers at each union under the admin. */
export default function OrgPeoplePage() {
  const { orgs, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? "");
  const [role, setRole] = useState("approver");
  const errors = result?.error?.fieldErrors ?? {};
  const roleName = (r: string) => t(r === "admin" ? "peopleAdmins" : "peopleApprovers");
  return (
    <div className="nj-narrow nj-stack">
      <Link to="/admin">← {t("navDashboard")}</Link>
      <Typography.Title level={3} className="nj-page-title">
        {t("peopleTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("peopleHelp")}</Typography.Paragraph>
      {result?.added && <Alert type="success" showIcon message={t("peopleAdded", { name: result.added })} />}
      {result?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? result.error.messageEn : result.error.message} />}

      <Card size="small" title={t("peopleAdd")}>
        <Form method="post" className="nj-stack">
          <CsrfInput />
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="role" value={role} />
          <label htmlFor="people-org" className="nj-field-label">{t("peopleOrg")}</label>
          <Select id="people-org" size="large" style={{ width: "100%" }} showSearch optionFilterProp="label" value={orgId} onChange={setOrgId} status={errors.orgId ? "error" : undefined} options={orgs.map((o) => ({ value: o.id, label: `${"　".repeat(o.depth)}${o.name}` }))} />
          <label htmlFor="people-role" className="nj-field-label">{t("peopleRole")}</label>
          <Select id="people-role" size="large" style={{ width: "100%" }} value={role} onChange={setRole} options={[{ value: "approver", label: t("peopleApprovers") }, { value: "admin", label: t("peopleAdmins") }]} />
          <label htmlFor="people-mobile" className="nj-field-label">{t("peopleMobile")}</label>
          <Input id="people-mobile" name="mobile" size="large" inputMode="tel" maxLength={11} autoComplete="off" status={errors.mobile ? "error" : undefined} aria-invalid={Boolean(errors.mobile)} aria-describedby={errors.mobile ? "people-mobile-error" : undefined} />
          {errors.mobile && (
            <div id="people-mobile-error" role="alert" style={{ color: "#ff4d4f" }}>
              {errors.mobile}
            </div>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t("peopleAdd")}
          </Button>
        </Form>
      </Card>

      {orgs.map((o) => (
        <Card key={o.id} size="small" title={o.name} className="nj-people-org">
          {(["approver", "admin"] as const).map((r) => (
            <div key={r} className="nj-people-row">
              <span className="nj-people-role">{roleName(r)}</span>
              <span className="nj-people-list">
                {o[r].length === 0 && <Typography.Text type="secondary">{t("peopleNone")}</Typography.Text>}
                {o[r].map((p) => (
                  <Form key={p.userId} method="post" className="nj-people-person" onSubmit={(e) => !confirm(t("peopleRemoveConfirm", { name: p.name, role: roleName(r) })) && e.preventDefault()}>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="orgId" value={o.id} />
                    <input type="hidden" name="role" value={r} />
                    <input type="hidden" name="userId" value={p.userId} />
                    <Tag>
                      {p.name} {p.mobile}
                    </Tag>
                    {!(r === "admin" && p.userId === me) && (
                      <Button size="small" type="link" danger htmlType="submit" aria-label={`${t("peopleRemove")} ${p.name}`}>
                        {t("peopleRemove")}
                      </Button>
                    )}
                  </Form>
                ))}
              </span>
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
