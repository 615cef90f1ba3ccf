import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Result } from "antd";
import { requireUser, verifyCsrf } from "~/auth.server";
import { useCsrfToken } from "~/components/CsrfInput";
import { commandErrorResponse, localeOf, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import { pluginPageViews } from "../../plugins/pages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title.zh} · 娘家` : "娘家" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  try {
    return json(await services.loadPluginPage(user, params.pluginId ?? "", params.name ?? "", query, localeOf(request)));
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

/** A page's button: `_action` names the action, the other fields are its input. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const input: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && !key.startsWith("_")) input[key] = value;
  try {
    const result = await services.runPluginPageAction(user, params.pluginId ?? "", params.name ?? "", String(form.get("_action") ?? ""), input, localeOf(request));
    // A file (a bank payout file) goes back to the page's fetcher, which saves it as a download.
    return json({ ok: true as const, message: result?.message ?? null, data: result?.data ?? null, file: result?.file ?? null });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function PluginPageRoute() {
  const page = useLoaderData<typeof loader>();
  const locale = useLocale();
  const csrf = useCsrfToken();
  const t = useT();
  const View = pluginPageViews[page.id];
  // A page registered on the server whose view was not listed in plugins/pages.ts.
  if (!View) return <Result status="404" title={t("notFound")} />;
  return <View data={page.data} locale={locale} csrf={csrf} />;
}
