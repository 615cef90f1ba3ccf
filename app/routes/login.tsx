import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, Table, Typography } from "antd";
import { getOptionalUser, sessionCookie, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { clientAddress, readForm } from "~/http.server";
import { useT } from "~/i18n/useT";
import { services } from "~/services.server";


function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/");
  return json({ demoLogins: services.demoLogins() });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const result = await services.signIn(String(form.get("mobile") ?? ""), String(form.get("password") ?? ""), clientAddress(request));
  if (!result.ok) {
    const status = result.reason === "rateLimited" ? 429 : result.reason === "missing" ? 400 : 401;
    return json({ reason: result.reason, minutes: "retryInMinutes" in result ? result.retryInMinutes : 0 }, { status });
  }
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  throw redirect(next, { headers: { "Set-Cookie": await sessionCookie.serialize(result.sessionId) } });
}

export default function Login() {
  const { demoLogins } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const errorText =
    failure?.reason === "rateLimited"
      ? t("loginRateLimited", { minutes: failure.minutes })
      : failure?.reason === "missing"
        ? t("loginMissing")
        : failure
          ? t("loginFailed")
          : null;
  return (
    <div className="nj-narrow nj-stack" style={{ maxWidth: 420 }}>
      <Typography.Title level={3} style={{ textAlign: "center", marginTop: 24 }}>
        {t("appName")} · {t("appTagline")}
      </Typography.Title>
      <Card>
        <Form method="post" className="nj-stack">
          <CsrfInput />
          {errorText && <Alert type="error" showIcon message={errorText} role="alert" />}
          <div>
            <label htmlFor="mobile">{t("mobile")}</label>
            <Input id="mobile" name="mobile" size="large" inputMode="numeric" autoComplete="username" placeholder={t("mobilePlaceholder")} maxLength={11} required />
          </div>
          <div>
            <label htmlFor="password">{t("password")}</label>
            <Input.Password id="password" name="password" size="large" autoComplete="current-password" placeholder={t("passwordPlaceholder")} required />
          </div>
          <Button type="primary" htmlType="submit" block className="nj-big-button" loading={busy}>
            {t("signIn")}
          </Button>
        </Form>
      </Card>
      {demoLogins.length > 0 && (
        <Card size="small" title={t("demoLogins")}>
          <Table
            size="small"
            pagination={false}
            rowKey="mobile"
            dataSource={demoLogins}
            columns={[
              { title: "", dataIndex: "who" },
              { title: t("mobile"), dataIndex: "mobile" },
              { title: t("password"), dataIndex: "password" },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
