import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, List, Space, Table } from "antd";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { formatTime } from "~/components/CaseTimeline";
import { VersionStatusTag } from "~/components/studio/VersionStatusTag";
import { commandErrorResponse, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import type { StudioProgramLoader } from "./studio.programs.$programId";

/** Start editing (get or create the draft, open the form designer), or publish the draft. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const programId = params.programId ?? "";
  try {
    if (form.get("intent") === "publish") {
      const result = await services.publishDraft(user, programId);
      if (!result.ok) return json({ problems: result.problems }, { status: 422 });
      return redirect(`/studio/programs/${programId}?published=${result.version}`);
    }
    await services.createDraft(user, programId);
  } catch (err) {
    return commandErrorResponse(err);
  }
  return redirect(`/studio/programs/${programId}/form`);
}

export default function StudioProgramVersions() {
  const data = useRouteLoaderData<StudioProgramLoader>("routes/studio.programs.$programId");
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const refused = useActionData<typeof action>() as { problems?: { where: string; path: string; name?: string; zh: string; en: string }[] } | undefined;
  const published = useSearchParams()[0].get("published");
  if (!data) return null;
  const { program } = data;
  const draft = program.versions.find((v) => v.status === "draft");
  return (
    <div className="nj-studio-col">
      <Alert type="info" showIcon message={t("draftExplain")} />
      {published && <Alert type="success" showIcon message={t("publishedVersion", { n: published })} />}
      {refused?.problems && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t("publishRefused")}
          description={
            <List
              size="small"
              dataSource={refused.problems}
              renderItem={(p) => (
                <List.Item>
                  <span>
                    <strong>{p.where === "form" ? t("studioForm") : t("studioFlow")}</strong>
                    {p.name ? ` · ${p.name}` : ""}：{locale === "en" ? p.en : p.zh}
                  </span>
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card
        size="small"
        title={t("studioVersions")}
        extra={
          draft ? (
            <Space wrap>
              <Link to="form">{t("studioForm")}</Link>
              <Link to="flow">{t("studioFlow")}</Link>
              <Form method="post">
                <CsrfInput />
                <Button htmlType="submit" name="intent" value="publish" type="primary" loading={busy}>
                  {t("publishDraft")}
                </Button>
              </Form>
            </Space>
          ) : (
            <Form method="post">
              <CsrfInput />
              <Button htmlType="submit" type="primary" loading={busy}>
                {t("startDraft")}
              </Button>
            </Form>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={program.versions}
          columns={[
            { title: t("studioVersions"), key: "v", render: (_, v) => <VersionStatusTag version={v.version} status={v.status} /> },
            { title: t("studioForm"), key: "fields", render: (_, v) => t("fieldCount", { n: v.fieldCount }) },
            { title: t("createdAtLabel"), key: "created", render: (_, v) => formatTime(v.createdAt, locale) },
            { title: t("publishedAtLabel"), key: "published", render: (_, v) => (v.publishedAt ? formatTime(v.publishedAt, locale) : "—") },
          ]}
        />
      </Card>
    </div>
  );
}
