import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Space, Table } from "antd";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { formatTime } from "~/components/CaseTimeline";
import { VersionStatusTag } from "~/components/studio/VersionStatusTag";
import { commandErrorResponse, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import type { StudioProgramLoader } from "./studio.programs.$programId";

/** Start editing: get or create the program's draft version, then open the form designer. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    await services.createDraft(user, params.programId ?? "");
  } catch (err) {
    return commandErrorResponse(err);
  }
  return redirect(`/studio/programs/${params.programId}/form`);
}

export default function StudioProgramVersions() {
  const data = useRouteLoaderData<StudioProgramLoader>("routes/studio.programs.$programId");
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  if (!data) return null;
  const { program } = data;
  const draft = program.versions.find((v) => v.status === "draft");
  return (
    <div className="nj-studio-col">
      <Alert type="info" showIcon message={t("draftExplain")} />
      <Card
        size="small"
        title={t("studioVersions")}
        extra={
          draft ? (
            <Space>
              <Link to="form">{t("studioForm")}</Link>
              <Link to="flow">{t("studioFlow")}</Link>
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
