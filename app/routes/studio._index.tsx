import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Empty, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { commandErrorResponse, readForm } from "~/http.server";
import { VersionStatusTag } from "~/components/studio/VersionStatusTag";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

/** Programs owned by the orgs this admin manages, each with its versions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const [programs, templates] = await Promise.all([services.listStudioPrograms(user), services.programTemplatesFor(user)]);
  return json({
    templates,
    programs: programs.map((p) => ({
      id: p.id,
      name: p.name,
      nameEn: p.nameEn,
      description: p.description,
      ownerOrgName: p.ownerOrgName,
      versions: p.versions.map((v) => ({ id: v.id, version: v.version, status: v.status })),
    })),
  });
}

/** 新建项目: from a template or blank, as a draft; then on to its settings. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const input = { source: String(form.get("source") ?? ""), name: String(form.get("name") ?? ""), nameEn: String(form.get("nameEn") ?? ""), caseNoPrefix: String(form.get("caseNoPrefix") ?? "").toUpperCase() };
  try {
    const { programId } = await services.createProgram(user, input);
    return redirect(`/studio/programs/${programId}/settings`);
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function StudioPrograms() {
  const { programs, templates } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="nj-studio-col">
      <Typography.Title level={3} className="nj-page-title">
        {t("studioPrograms")}
      </Typography.Title>
      {programs.length === 0 ? (
        <Card>
          <Empty description={t("studioNoPrograms")} />
        </Card>
      ) : (
        <div className="nj-studio-programs">
          {programs.map((p) => (
            <Card
              key={p.id}
              title={<Link to={`/studio/programs/${p.id}`}>{locale === "en" && p.nameEn ? p.nameEn : p.name}</Link>}
              actions={[
                <Link key="form" to={`/studio/programs/${p.id}/form`}>{t("studioForm")}</Link>,
                <Link key="flow" to={`/studio/programs/${p.id}/flow`}>{t("studioFlow")}</Link>,
                <Link key="versions" to={`/studio/programs/${p.id}`}>{t("studioVersions")}</Link>,
              ]}
            >
              <div className="nj-muted">
                {t("studioOwner")}：{p.ownerOrgName}
              </div>
              {p.description && <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: "8px 0" }}>{p.description}</Typography.Paragraph>}
              <Space size={[4, 4]} wrap>
                {p.versions.map((v) => (
                  <VersionStatusTag key={v.id} version={v.version} status={v.status} />
                ))}
              </Space>
            </Card>
          ))}
        </div>
      )}
      <NewProgramCard templates={templates} />
    </div>
  );
}

function NewProgramCard({ templates }: { templates: { key: string; name: string; nameEn: string; description: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const errors = failure?.error?.fieldErrors ?? {};
  const [source, setSource] = useState("blank");
  const chosen = templates.find((tpl) => tpl.key === source);
  const fieldError = (key: string) =>
    errors[key] && (
      <div role="alert" className="nj-field-error" id={`${key}-error`}>
        {errors[key]}
      </div>
    );
  return (
    <Card size="small" title={t("newProgram")}>
      <Form method="post" className="nj-settings-form">
        <CsrfInput />
        {failure?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
        <Typography.Text type="secondary">{t("newProgramExplain")}</Typography.Text>
        <div className="nj-settings-row">
          <label htmlFor="source">{t("newProgramSource")}</label>
          <Select
            id="source"
            size="large"
            style={{ width: "100%" }}
            value={source}
            onChange={setSource}
            options={[{ value: "blank", label: t("newProgramBlank") }, ...templates.map((tpl) => ({ value: tpl.key, label: locale === "en" && tpl.nameEn ? tpl.nameEn : tpl.name }))]}
          />
          <input type="hidden" name="source" value={source} />
          {chosen?.description && <div className="nj-muted">{chosen.description}</div>}
          {fieldError("source")}
        </div>
        <div className="nj-settings-pair">
          <div className="nj-settings-row">
            <label htmlFor="name">{t("programName")}</label>
            <Input id="name" name="name" size="large" maxLength={60} required status={errors.name ? "error" : undefined} aria-describedby={errors.name ? "name-error" : undefined} />
            {fieldError("name")}
          </div>
          <div className="nj-settings-row">
            <label htmlFor="caseNoPrefix">{t("caseNoPrefix")}</label>
            <Input id="caseNoPrefix" name="caseNoPrefix" size="large" maxLength={8} required style={{ textTransform: "uppercase" }} status={errors.caseNoPrefix ? "error" : undefined} aria-describedby="caseNoPrefix-help" />
            <div className="nj-muted" id="caseNoPrefix-help">{t("caseNoPrefixHelp")}</div>
            {fieldError("caseNoPrefix")}
          </div>
        </div>
        <div className="nj-settings-row">
          <label htmlFor="nameEn">{t("programNameEn")}</label>
          <Input id="nameEn" name="nameEn" size="large" maxLength={120} />
        </div>
        <Button type="primary" htmlType="submit" size="large" className="nj-big-button" loading={busy}>
          {t("createProgram")}
        </Button>
      </Form>
    </Card>
  );
}
