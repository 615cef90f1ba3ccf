import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Input, Typography } from "antd";
import { useState } from "react";
import { requirePermission, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { commandErrorResponse, readForm } from "~/http.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";
import { chinaToday } from "../../forms/calendarDate";

function yearOf(request: Request): number {
  const asked = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : chinaToday(new Date()).year;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin");
  try {
    return json(await services.getWorkCalendar(user, yearOf(request)));
  } catch (err) {
    throw commandErrorResponse(err);
  }
}

/** The year is posted as one JSON document and saved (or refused) as a whole. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "admin");
  const form = await readForm(request);
  await verifyCsrf(request, form);
  let input: unknown;
  try {
    input = JSON.parse(String(form.get("calendar") ?? ""));
  } catch {
    return json({ error: { code: "invalidData", message: "提交的内容格式不正确", messageEn: "The days were not in the expected format", fieldErrors: {} } }, { status: 400 });
  }
  try {
    return json({ saved: await services.saveWorkCalendar(user, input) });
  } catch (err) {
    return commandErrorResponse(err);
  }
}

type Entry = { date: string; name: string };
type Kind = "holidays" | "workdays";

const WEEKDAYS: MessageKey[] = ["weekdaySun", "weekdayMon", "weekdayTue", "weekdayWed", "weekdayThu", "weekdayFri", "weekdaySat"];

function DayList({ kind, entries, onChange, errors }: { kind: Kind; entries: Entry[]; onChange: (next: Entry[]) => void; errors: Record<string, string> }) {
  const t = useT();
  const set = (i: number, patch: Partial<Entry>) => onChange(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <div className="nj-stack">
      {entries.length === 0 && <Typography.Text type="secondary">{t(kind === "holidays" ? "calendarNoHolidays" : "calendarNoWorkdays")}</Typography.Text>}
      {entries.map((e, i) => {
        const error = errors[`${kind}.${i}.date`] ?? errors[`${kind}.${i}.name`];
        const day = /^\d{4}-\d{2}-\d{2}$/.test(e.date) ? new Date(`${e.date}T00:00:00Z`).getUTCDay() : null;
        return (
          <div key={i}>
            <div className="nj-calendar-row">
              <Input type="date" size="large" aria-label={`${t("calendarDate")} ${i + 1}`} value={e.date} onChange={(ev) => set(i, { date: ev.target.value })} status={errors[`${kind}.${i}.date`] ? "error" : undefined} />
              <span className="nj-calendar-weekday">{day === null ? "" : t(WEEKDAYS[day])}</span>
              <Input size="large" aria-label={`${t("calendarName")} ${i + 1}`} maxLength={20} placeholder={t(kind === "holidays" ? "calendarHolidayName" : "calendarWorkdayName")} value={e.name} onChange={(ev) => set(i, { name: ev.target.value })} />
              <Button size="large" aria-label={`${t("calendarRemove")} ${i + 1}`} onClick={() => onChange(entries.filter((_, j) => j !== i))}>
                {t("calendarRemove")}
              </Button>
            </div>
            {error && (
              <div role="alert" style={{ color: "#ff4d4f", marginTop: 4 }}>
                {error}
              </div>
            )}
          </div>
        );
      })}
      <Button type="dashed" block size="large" onClick={() => onChange([...entries, { date: "", name: "" }])}>
        {t(kind === "holidays" ? "calendarAddHoliday" : "calendarAddWorkday")}
      </Button>
    </div>
  );
}

/** 节假日与调休: the district's own holidays and working weekends, which SLA due dates count by. */
export default function WorkCalendarPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { saved?: unknown; error?: { message: string; messageEn: string; fieldErrors?: Record<string, string> } } | undefined;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const [holidays, setHolidays] = useState<Entry[]>(loaded.holidays);
  const [workdays, setWorkdays] = useState<Entry[]>(loaded.workdays);
  const errors = result?.error?.fieldErrors ?? {};
  const year = loaded.year;
  return (
    <div className="nj-narrow nj-stack">
      <div className="nj-page-links">
        <Link to="/admin">← {t("navDashboard")}</Link>
        <span>
          <Link to={`?year=${year - 1}`} reloadDocument>
            {year - 1}
          </Link>
          {" · "}
          <Link to={`?year=${year + 1}`} reloadDocument>
            {year + 1}
          </Link>
        </span>
      </div>
      <Typography.Title level={3} className="nj-page-title">
        {t("calendarTitle", { year })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("calendarHelp")}</Typography.Paragraph>
      {Boolean(result?.saved) && <Alert type="success" showIcon message={t("calendarSaved")} />}
      {result?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? result.error.messageEn : result.error.message} />}
      <Form method="post" className="nj-stack">
        <CsrfInput />
        <input type="hidden" name="calendar" value={JSON.stringify({ year, holidays, workdays })} />
        <Card size="small" title={t("calendarHolidays")}>
          <DayList kind="holidays" entries={holidays} onChange={setHolidays} errors={errors} />
        </Card>
        <Card size="small" title={t("calendarWorkdays")}>
          <DayList kind="workdays" entries={workdays} onChange={setWorkdays} errors={errors} />
        </Card>
        <Button type="primary" htmlType="submit" size="large" block className="nj-big-button" loading={busy}>
          {t("calendarSave")}
        </Button>
      </Form>
    </div>
  );
}
