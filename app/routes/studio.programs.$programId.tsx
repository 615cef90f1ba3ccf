import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { Typography } from "antd";
import { requirePermission } from "~/auth.server";
import { commandErrorResponse } from "~/http.server";
import { VersionStatusTag } from "~/components/studio/VersionStatusTag";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

/**
 * One program in the studio: its name and tabs — 版本 Versions (the index), 表单 Form (the designer),
 * 流程 Flow (the modeler), 设置 Settings. The tab pages render inside this layout.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const program = await services.getStudioProgram(user, params.programId ?? "").catch((err: unknown) => {
    throw commandErrorResponse(err);
  });
  return json({
    program: {
      ...program,
      versions: program.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null })),
    },
  });
}

export type StudioProgramLoader = typeof loader;

export default function StudioProgram() {
  const { program } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const draft = program.versions.find((v) => v.status === "draft");
  const published = program.versions.find((v) => v.status === "published");
  const base = `/studio/programs/${program.id}`;
  return (
    <div>
      <div className="nj-studio-head">
        <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 8 }}>
          {locale === "en" && program.nameEn ? program.nameEn : program.name}
        </Typography.Title>
        {published && <VersionStatusTag version={published.version} status="published" />}
        {draft && <VersionStatusTag version={draft.version} status="draft" />}
        <span className="nj-muted">
          {t("studioOwner")}：{program.ownerOrgName}
        </span>
      </div>
      <nav className="nj-studio-tabs" aria-label={t("studioPrograms")}>
        <NavLink to={base} end>
          {t("studioVersions")}
        </NavLink>
        <NavLink to={`${base}/form`}>{t("studioForm")}</NavLink>
        <NavLink to={`${base}/flow`}>{t("studioFlow")}</NavLink>
        <NavLink to={`${base}/settings`}>{t("studioSettings")}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
