import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { useT } from "~/i18n/useT";
import studioStyles from "~/components/studio/studio.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: studioStyles }];

/** The studio: where district admins design programs (form, flow, versions). Admins only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin");
  return json({});
}

export default function StudioLayout() {
  const t = useT();
  return (
    <div className="nj-studio">
      <nav className="nj-studio-nav" aria-label={t("studio")}>
        <span className="nj-studio-title">{t("studio")}</span>
        <NavLink to="/studio" end>
          {t("studioPrograms")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
