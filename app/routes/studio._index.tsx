import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, Empty, Space, Typography } from "antd";
import { requirePermission } from "~/auth.server";
import { VersionStatusTag } from "~/components/studio/VersionStatusTag";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

/** Programs owned by the orgs this admin manages, each with its versions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const programs = await services.listStudioPrograms(user);
  return json({
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

export default function StudioPrograms() {
  const { programs } = useLoaderData<typeof loader>();
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
    </div>
  );
}
