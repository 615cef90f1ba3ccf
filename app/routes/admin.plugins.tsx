import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { Alert, Card, Descriptions, Empty, Flex, List, Switch, Tag, Typography } from "antd";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { formatTime } from "~/components/CaseTimeline";
import { useCsrfToken } from "~/components/CsrfInput";
import { commandErrorResponse, httpError, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  return json(await services.listPluginsForAdmin(user));
}

const idField = (form: FormData, name: string): string | null => {
  const value = form.get(name);
  return typeof value === "string" && /^[\w-]{1,64}$/.test(value) ? value : null;
};

/** One switch: a plugin on or off for one district the admin governs. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const pluginId = idField(form, "pluginId");
  const districtId = idField(form, "districtId");
  const enabled = form.get("enabled");
  if (!pluginId || !districtId || (enabled !== "true" && enabled !== "false")) throw httpError(400, "pluginBadRequest");
  try {
    return json({ ok: true as const, changed: await services.setPluginEnabled(user, pluginId, districtId, enabled === "true") });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

const STAGE_LABELS = { manifest: "pluginStageManifest", host: "pluginStageHost", load: "pluginStageLoad", migrate: "pluginStageMigrate", install: "pluginStageInstall" } as const;
const stageLabel = (stage: string) => STAGE_LABELS[stage as keyof typeof STAGE_LABELS] ?? "pluginStageLoad";

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type PluginRow = Loaded["plugins"][number];
type ActionResult = { ok: true } | { error: { message: string; messageEn: string } };

function DistrictSwitch({ plugin, district }: { plugin: PluginRow; district: PluginRow["districts"][number] }) {
  const fetcher = useFetcher<ActionResult>();
  const csrf = useCsrfToken();
  const t = useT();
  const locale = useLocale();
  const pending = fetcher.formData?.get("enabled");
  const checked = pending ? pending === "true" : district.enabled;
  const error = fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  const label = `${district.orgName}: ${checked ? t("pluginOn") : t("pluginOff")}`;
  return (
    <List.Item style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
      <span>{district.orgName}</span>
      <span style={{ display: "inline-flex", alignItems: "center", gap: 8 }}>
        {error && (
          <span role="alert" style={{ color: "#c8102e", fontSize: 13 }}>
            {locale === "en" ? error.messageEn : error.message}
          </span>
        )}
        <Switch
          checked={checked}
          loading={fetcher.state !== "idle"}
          checkedChildren={t("pluginOn")}
          unCheckedChildren={t("pluginOff")}
          aria-label={label}
          onChange={(next) =>
            fetcher.submit({ _csrf: csrf, pluginId: plugin.id, districtId: district.orgId, enabled: String(next) }, { method: "post" })
          }
        />
      </span>
    </List.Item>
  );
}

function PluginCard({ plugin }: { plugin: PluginRow }) {
  const t = useT();
  const locale = useLocale();
  const text = (v: { zh: string; en: string }) => (locale === "en" ? v.en : v.zh);
  const stateTag = plugin.alwaysOn ? (
    <Tag color="blue">{t("pluginAlwaysOn")}</Tag>
  ) : plugin.state === "active" ? (
    <Tag color="green">{t("pluginActive")}</Tag>
  ) : (
    <Tag color="red">{t("pluginFailed")}</Tag>
  );
  return (
    <Card
      title={text(plugin.name)}
      extra={stateTag}
      data-plugin={plugin.id}
    >
      <Flex vertical gap={12}>
        {plugin.description && <Typography.Paragraph style={{ marginBottom: 0 }}>{text(plugin.description)}</Typography.Paragraph>}
        {plugin.failure && (
          <Alert type="error" showIcon message={locale === "en" ? plugin.failure.messageEn : plugin.failure.messageZh} />
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t("pluginId")}>
            <code>{plugin.id}</code>
          </Descriptions.Item>
          <Descriptions.Item label={t("pluginVersion")}>{plugin.version}</Descriptions.Item>
          <Descriptions.Item label={t("pluginInstalledVersion")}>{plugin.installedVersion ?? t("pluginNotInstalled")}</Descriptions.Item>
          <Descriptions.Item label={t("pluginHost")}>
            <code>{plugin.host}</code>
          </Descriptions.Item>
        </Descriptions>
        {!plugin.alwaysOn && plugin.districts.length > 0 && (
          <List
            size="small"
            bordered
            header={<strong>{t("pluginDistricts")}</strong>}
            dataSource={plugin.districts}
            renderItem={(d) => <DistrictSwitch plugin={plugin} district={d} />}
          />
        )}
      </Flex>
    </Card>
  );
}

export default function AdminPlugins() {
  const { plugins, districts, incidents } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 0 }}>
        {t("pluginsTitle")}
      </Typography.Title>
      {refused && "error" in refused && <Alert type="error" showIcon role="alert" message={locale === "en" ? refused.error.messageEn : refused.error.message} />}
      <Alert type="info" showIcon message={t("pluginsIntro")} />
      {districts.length === 0 && <Alert type="warning" showIcon message={t("pluginNoDistricts")} />}
      {incidents.length > 0 && (
        <Card title={t("pluginIncidents")}>
          <List
            size="small"
            dataSource={incidents}
            renderItem={(i) => (
              <List.Item>
                <div>
                  <div>
                    <code>{i.pluginId}</code> <Tag color="red">{t(stageLabel(i.stage))}</Tag>
                    <span className="nj-muted">{t("pluginIncidentSeen", { count: i.occurrences, time: formatTime(i.lastSeenAt, locale) })}</span>
                  </div>
                  <div style={{ wordBreak: "break-word" }}>{locale === "en" ? i.messageEn : i.messageZh}</div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {plugins.length === 0 ? (
        <Card>
          <Empty />
        </Card>
      ) : (
        plugins.map((p) => <PluginCard key={p.id} plugin={p} />)
      )}
    </Flex>
  );
}
