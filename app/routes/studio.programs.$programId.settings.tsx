import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, InputNumber, Radio, Select, Switch, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { commandErrorResponse, readForm } from "~/http.server";
import { useLocale, useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/messages";
import { services } from "~/services.server";
import { localized } from "../../forms/messages";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  try {
    return json(await services.getProgramDetails(user, params.programId ?? ""));
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

/** The whole tab is posted as one JSON document and saved (or refused) as a whole. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  let input: unknown;
  try {
    input = JSON.parse(String(form.get("details") ?? ""));
  } catch {
    return json({ error: { code: "invalidData", message: "提交的内容格式不正确", messageEn: "The settings were not in the expected format", fieldErrors: {} } }, { status: 400 });
  }
  try {
    await services.updateProgramDetails(user, params.programId ?? "", input);
    return json({ saved: true });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

type Details = ReturnType<typeof useLoaderData<typeof loader>>["details"];
type Settings = Details["settings"];
type FormField = { key: string; type: string; label: string; options: { value: string; label: string }[] };

const CATEGORIES: { value: string; key: MessageKey }[] = [
  { value: "membership", key: "categoryMembership" },
  { value: "aid", key: "categoryAid" },
  { value: "education", key: "categoryEducation" },
  { value: "childcare", key: "categoryChildcare" },
  { value: "subsidy", key: "categorySubsidy" },
  { value: "care", key: "categoryCare" },
  { value: "venue", key: "categoryVenue" },
  { value: "points", key: "categoryPoints" },
  { value: "general", key: "categoryGeneral" },
];

/** `2026-12-31T18:00:00+08:00` ⇄ the value of an <input type="datetime-local"> in Beijing time. */
const toLocalInput = (iso?: string) =>
  iso ? new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(iso)).replace(" ", "T") : "";
const fromLocalInput = (value: string) => (value ? `${value}:00+08:00` : undefined);

export default function ProgramSettingsTab() {
  const { details, formFields, ownerOptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { saved?: boolean; error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const [d, setD] = useState<Details>(details);
  const s = d.settings;
  const setSettings = (patch: Partial<Settings>) => setD((prev) => ({ ...prev, settings: { ...prev.settings, ...patch } }));
  const errors = result?.error?.fieldErrors ?? {};
  const fields: FormField[] = formFields.map((f) => ({ key: f.key, type: f.type, label: localized(f.label, locale), options: f.options.map((o) => ({ value: o.value, label: localized(o.label, locale) })) }));
  const optionField = fields.find((f) => f.key === s.capacity?.field);
  const capacityKind = !s.capacity ? "none" : s.capacity.field ? "perOption" : "total";

  return (
    <Form method="post" className="nj-studio-col nj-settings">
      <CsrfInput />
      <input type="hidden" name="details" value={JSON.stringify(d)} />
      {result?.saved && <Alert type="success" showIcon message={t("settingsSaved")} />}
      {result?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? result.error.messageEn : result.error.message} />}

      <Card size="small" title={t("settingsBasics")}>
        <Row label={t("programName")} id="name" error={errors.name}>
          <Input id="name" size="large" maxLength={60} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} status={errors.name ? "error" : undefined} />
        </Row>
        <Row label={t("programNameEn")} id="nameEn" error={errors.nameEn}>
          <Input id="nameEn" size="large" maxLength={120} value={d.nameEn} onChange={(e) => setD({ ...d, nameEn: e.target.value })} />
        </Row>
        <Row label={t("programDescription")} id="description" error={errors.description}>
          <Input.TextArea id="description" rows={3} maxLength={1000} value={d.description} onChange={(e) => setD({ ...d, description: e.target.value })} />
        </Row>
        <Row label={t("programCategory")} id="category" error={errors.category}>
          <Select
            id="category"
            size="large"
            style={{ width: "100%" }}
            value={d.category}
            onChange={(category: string) => setD({ ...d, category })}
            options={[...CATEGORIES.map((c) => ({ value: c.value, label: t(c.key) })), ...(CATEGORIES.some((c) => c.value === d.category) ? [] : [{ value: d.category, label: d.category }])]}
          />
        </Row>
        <Row label={t("studioOwner")} id="ownerOrgId" error={errors.ownerOrgId} help={t("ownerOrgHelp")}>
          <Select
            id="ownerOrgId"
            size="large"
            style={{ width: "100%" }}
            showSearch
            optionFilterProp="label"
            value={d.ownerOrgId}
            onChange={(ownerOrgId: string) => setD({ ...d, ownerOrgId })}
            status={errors.ownerOrgId ? "error" : undefined}
            options={ownerOptions.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Row>
        <Row label={t("caseNoPattern")} id="caseNoPattern" error={errors.caseNoPattern} help={t("caseNoPatternHelp")}>
          <Input id="caseNoPattern" size="large" maxLength={40} value={d.caseNoPattern} onChange={(e) => setD({ ...d, caseNoPattern: e.target.value })} status={errors.caseNoPattern ? "error" : undefined} />
        </Row>
        <Row label={t("retentionYears")} id="retentionYears" error={errors["settings.retentionYears"]}>
          <InputNumber id="retentionYears" size="large" min={1} max={30} value={s.retentionYears ?? null} onChange={(v) => setSettings({ retentionYears: v ?? undefined })} addonAfter={t("years")} />
        </Row>
      </Card>

      <Card size="small" title={t("settingsWho")}>
        <Row label={t("audience")} id="audience" error={errors["settings.audience"]}>
          <Radio.Group id="audience" className="nj-settings-radios" value={s.audience} onChange={(e) => setSettings({ audience: e.target.value as Settings["audience"] })}>
            <Radio value="subtree">{t("audienceSubtree")}</Radio>
            <Radio value="members">{t("audienceMembers")}</Radio>
            <Radio value="anyone">{t("audienceAnyone")}</Radio>
          </Radio.Group>
        </Row>
        <Row label={t("eligibilityRule")} id="eligibility" error={errors["settings.eligibility"]} help={t("eligibilityHelp")}>
          <Input.TextArea
            id="eligibility"
            rows={2}
            className="nj-code"
            placeholder='isMember and orgLevel = "grassroots"'
            value={s.eligibility ?? ""}
            onChange={(e) => setSettings({ eligibility: e.target.value || undefined })}
            status={errors["settings.eligibility"] ? "error" : undefined}
          />
        </Row>
        {s.eligibility && (
          <Row label={t("eligibilityMessage")} id="eligibilityMessage" error={errors["settings.eligibilityMessage.zh"]}>
            <Input
              id="eligibilityMessage"
              size="large"
              maxLength={200}
              placeholder={t("eligibilityMessagePlaceholder")}
              value={s.eligibilityMessage?.zh ?? ""}
              onChange={(e) => setSettings({ eligibilityMessage: { zh: e.target.value, en: s.eligibilityMessage?.en ?? "" } })}
            />
            <Input
              size="large"
              maxLength={200}
              style={{ marginTop: 8 }}
              aria-label={`${t("eligibilityMessage")} (English)`}
              placeholder="English"
              value={s.eligibilityMessage?.en ?? ""}
              onChange={(e) => setSettings({ eligibilityMessage: { zh: s.eligibilityMessage?.zh ?? "", en: e.target.value } })}
            />
          </Row>
        )}
      </Card>

      <Card size="small" title={t("settingsWhen")}>
        <div className="nj-settings-pair">
          <Row label={t("opensAt")} id="opensAt" error={errors["settings.window.opensAt"]}>
            <Input id="opensAt" type="datetime-local" size="large" value={toLocalInput(s.window?.opensAt)} onChange={(e) => setSettings({ window: { ...s.window, opensAt: fromLocalInput(e.target.value) } })} />
          </Row>
          <Row label={t("closesAt")} id="closesAt" error={errors["settings.window.closesAt"] ?? errors["settings.window"]}>
            <Input id="closesAt" type="datetime-local" size="large" value={toLocalInput(s.window?.closesAt)} onChange={(e) => setSettings({ window: { ...s.window, closesAt: fromLocalInput(e.target.value) } })} />
          </Row>
        </div>
        <Typography.Text type="secondary">{t("beijingTime")}</Typography.Text>
      </Card>

      <Card size="small" title={t("settingsLimit")}>
        <Row label={t("limitPer")} id="limitPer" error={errors["settings.limit.per"]}>
          <Select
            id="limitPer"
            size="large"
            style={{ width: "100%" }}
            value={s.limit?.per ?? "none"}
            onChange={(per: string) => setSettings({ limit: per === "none" ? undefined : { count: 1, ...s.limit, per: per as "ever" | "year" | "month" } })}
            options={[
              { value: "none", label: t("limitNone") },
              { value: "ever", label: t("limitEver") },
              { value: "year", label: t("limitYear") },
              { value: "month", label: t("limitMonth") },
            ]}
          />
        </Row>
        {s.limit && (
          <div className="nj-settings-pair">
            <Row label={t("limitCount")} id="limitCount" error={errors["settings.limit.count"]}>
              <InputNumber id="limitCount" size="large" min={1} max={100} value={s.limit.count} onChange={(v) => s.limit && setSettings({ limit: { ...s.limit, count: v ?? 1 } })} />
            </Row>
            <Row label={t("limitKey")} id="limitKey" error={errors["settings.limit.keyField"]}>
              <Select
                id="limitKey"
                size="large"
                style={{ width: "100%" }}
                value={s.limit.keyField ?? ""}
                onChange={(keyField: string) => s.limit && setSettings({ limit: { ...s.limit, keyField: keyField || undefined } })}
                options={[{ value: "", label: t("limitKeyApplicant") }, ...fields.filter((f) => ["idNumber", "mobile", "text"].includes(f.type)).map((f) => ({ value: f.key, label: f.label }))]}
              />
            </Row>
          </div>
        )}
      </Card>

      <Card size="small" title={t("settingsCapacity")}>
        <Row label={t("capacityKind")} id="capacityKind" error={errors["settings.capacity.field"]}>
          <Select
            id="capacityKind"
            size="large"
            style={{ width: "100%" }}
            value={capacityKind}
            onChange={(kind: string) =>
              setSettings({
                capacity: kind === "none" ? undefined : kind === "total" ? { seats: 100, waitlist: s.capacity?.waitlist ?? true } : { field: fields.find((f) => f.options.length)?.key, seats: {}, waitlist: s.capacity?.waitlist ?? true },
              })
            }
            options={[
              { value: "none", label: t("capacityNone") },
              { value: "total", label: t("capacityTotal") },
              ...(fields.some((f) => f.options.length) ? [{ value: "perOption", label: t("capacityPerOption") }] : []),
            ]}
          />
        </Row>
        {s.capacity && capacityKind === "total" && (
          <Row label={t("capacitySeats")} id="seats" error={errors["settings.capacity.seats"]}>
            <InputNumber id="seats" size="large" min={0} max={1_000_000} value={typeof s.capacity.seats === "number" ? s.capacity.seats : 0} onChange={(v) => s.capacity && setSettings({ capacity: { ...s.capacity, seats: v ?? 0 } })} />
          </Row>
        )}
        {s.capacity && capacityKind === "perOption" && (
          <>
            <Row label={t("capacityField")} id="capacityField">
              <Select
                id="capacityField"
                size="large"
                style={{ width: "100%" }}
                value={s.capacity.field}
                onChange={(field: string) => s.capacity && setSettings({ capacity: { ...s.capacity, field, seats: {} } })}
                options={fields.filter((f) => f.options.length).map((f) => ({ value: f.key, label: f.label }))}
              />
            </Row>
            {optionField?.options.map((o) => {
              const seats = typeof s.capacity?.seats === "object" ? s.capacity.seats : {};
              return (
                <Row key={o.value} label={`${t("capacitySeats")} · ${o.label}`} id={`seats-${o.value}`} error={errors[`settings.capacity.seats.${o.value}`]}>
                  <InputNumber id={`seats-${o.value}`} size="large" min={0} max={1_000_000} value={seats[o.value] ?? null} onChange={(v) => s.capacity && setSettings({ capacity: { ...s.capacity, seats: { ...seats, [o.value]: v ?? 0 } } })} />
                </Row>
              );
            })}
          </>
        )}
        {s.capacity && (
          <label className="nj-switch-row">
            <Switch checked={s.capacity.waitlist} onChange={(waitlist) => s.capacity && setSettings({ capacity: { ...s.capacity, waitlist } })} /> {t("capacityWaitlist")}
          </label>
        )}
      </Card>

      <Button type="primary" htmlType="submit" size="large" className="nj-big-button" loading={busy} block>
        {t("saveSettings")}
      </Button>
    </Form>
  );
}

function Row({ label, id, error, help, children }: { label: string; id: string; error?: string; help?: string; children: ReactNode }) {
  return (
    <div className="nj-settings-row">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <div className="nj-muted">{help}</div>}
      {error && (
        <div role="alert" className="nj-field-error">
          {error}
        </div>
      )}
    </div>
  );
}
