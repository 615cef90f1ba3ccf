import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { BellOutlined } from "@ant-design/icons";
import { ConfigProvider, Result } from "antd";
import type { ReactNode } from "react";
import stylesHref from "./styles.css?url";
import { csrfCookie, getOptionalUser, holdsRole, newCsrfToken, readCsrfCookie, TASK_ROLES } from "./auth.server";
import { localeOf } from "./http.server";
import { services } from "./services.server";
import { CsrfInput } from "./components/CsrfInput";
import { antdLocale } from "./i18n/antdLocale";
import { translate, type Locale } from "./i18n/messages";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" },
];

export const meta: MetaFunction = () => [{ title: "娘家 · 职工服务与审批平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const existing = await readCsrfCookie(request);
  const csrf = existing ?? newCsrfToken();
  const headers = existing ? undefined : { "Set-Cookie": await csrfCookie.serialize(csrf) };
  return json(
    {
      locale: localeOf(request),
      csrf,
      user: user && { name: user.name, isApprover: holdsRole(user, TASK_ROLES), isAdmin: holdsRole(user, "admin"), unread: await services.unreadNotificationCount(user) },
    },
    { headers },
  );
}

type RootLoaderData = {
  locale: Locale;
  csrf: string;
  user: { name: string; isApprover: boolean; isAdmin: boolean; unread: number } | null;
};

function Header({ data }: { data: RootLoaderData }) {
  const t = (k: Parameters<typeof translate>[1]) => translate(data.locale, k);
  return (
    <header className="nj-header">
      <Link to="/" className="nj-brand">
        {t("appName")}
      </Link>
      <nav className="nj-nav">
        {data.user && <NavLink to="/portal">{t("portal")}</NavLink>}
        {data.user?.isApprover && <NavLink to="/inbox">{t("inbox")}</NavLink>}
        {data.user?.isAdmin && <NavLink to="/studio">{t("studio")}</NavLink>}
        {data.user?.isAdmin && <NavLink to="/admin" end>{t("navDashboard")}</NavLink>}
        {data.user?.isAdmin && <NavLink to="/admin/plugins">{t("navPlugins")}</NavLink>}
      </nav>
      <div className="nj-header-right">
        {data.user && (
          <NavLink to="/notifications" className="nj-bell" aria-label={`${t("notifications")}${data.user.unread ? ` (${data.user.unread} ${t("unread")})` : ""}`}>
            <BellOutlined aria-hidden style={{ fontSize: 20, verticalAlign: "middle" }} />
            {data.user.unread > 0 && <span className="nj-bell-count">{data.user.unread > 99 ? "99+" : data.user.unread}</span>}
          </NavLink>
        )}
        {data.user && <span className="nj-user-name">{data.user.name}</span>}
        <Form method="post" action="/lang" reloadDocument>
          <CsrfInput />
          <input type="hidden" name="lang" value={data.locale === "zh" ? "en" : "zh"} />
          <button type="submit" lang={data.locale === "zh" ? "en" : "zh"}>
            {t("language")}
          </button>
        </Form>
        {data.user && (
          <Form method="post" action="/logout">
            <CsrfInput />
            <button type="submit">{t("signOut")}</button>
          </Form>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as RootLoaderData | undefined;
  const locale = data?.locale ?? "zh";
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <Meta />
        <Links />
      </head>
      <body>
        <ConfigProvider locale={antdLocale(locale)} theme={{ token: { colorPrimary: "#c8102e", borderRadius: 8 } }}>
          {data && <Header data={data} />}
          <main className="nj-main">{children}</main>
        </ConfigProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootLoaderData | undefined;
  const locale = data?.locale ?? "zh";
  let status = 500;
  let message = translate(locale, "errorTitle");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = error.data as { error?: { message?: string; messageEn?: string } } | string | undefined;
    if (typeof body === "object" && body?.error) message = (locale === "en" ? body.error.messageEn : body.error.message) ?? message;
    else if (status === 404) message = translate(locale, "notFound");
  }
  return (
    <Result
      status={status === 403 ? "403" : status === 404 ? "404" : "error"}
      title={String(status)}
      subTitle={message}
      extra={<Link to="/">{translate(locale, "appName")}</Link>}
    />
  );
}
