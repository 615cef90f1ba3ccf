import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Empty, List, Tag, Typography } from "antd";
import { requireUser, verifyCsrf } from "~/auth.server";
import { CsrfInput } from "~/components/CsrfInput";
import { commandErrorResponse, readForm } from "~/http.server";
import { CaseStatusTag } from "~/components/CaseStatusTag";
import { formatTime } from "~/components/CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [programs, cases, waiting, pages] = await Promise.all([services.listOpenPrograms(user), services.listMyCases(user), services.listMyWaitlist(user), services.listPluginPages(user)]);
  const availability = await services.programAvailability(user, programs.map((p) => p.id));
  return json({
    me: { name: user.name, orgName: user.orgName, memberNo: user.memberNo },
    programs: programs.map((p) => ({ ...p, availability: availability.get(p.id) ?? null })),
    cases: cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
    waiting: waiting.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() })),
    // Pages of plugins switched on in this person's district (共享职工之家, 我的积分); admin pages are linked elsewhere.
    pages: pages.filter((p) => p.audience === "worker"),
  });
}

/** 退出候补 from the list of my applications. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  try {
    await services.leaveWaitlist(user, String(form.get("leaveWaitlist") ?? ""));
    return redirect("/portal");
  } catch (err) {
    return commandErrorResponse(err);
  }
}

export default function Portal() {
  const { me, programs, cases, waiting, pages } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: { message: string; messageEn: string } } | undefined;
  const t = useT();
  const locale = useLocale();
  return (
    <div className="nj-narrow nj-stack">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {me.name}
        </Typography.Title>
        <div className="nj-muted">
          {t("orgLabel")}：{me.orgName}
        </div>
        {me.memberNo && (
          <Alert style={{ marginTop: 8 }} type="success" showIcon message={`${t("memberNo")}：${me.memberNo}`} />
        )}
      </div>
      {pages.length > 0 && (
        <Card title={t("pluginPages")} size="small">
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: 8 }}>
            {pages.map((p) => (
              <Link key={p.path} to={p.path} className="nj-service-tile">
                <strong>{locale === "en" ? p.title.en : p.title.zh}</strong>
                {p.description && <span className="nj-muted">{locale === "en" ? p.description.en : p.description.zh}</span>}
              </Link>
            ))}
          </div>
        </Card>
      )}
      <Card title={t("openPrograms")} size="small">
        {programs.length === 0 ? (
          <Empty description={t("noPrograms")} />
        ) : (
          <List
            dataSource={programs}
            renderItem={(p) => (
              <List.Item
                actions={[
                  <Link key="apply" to={`/portal/programs/${p.id}`}>
                    <Button type="primary" className="nj-big-button">
                      {t("apply")}
                    </Button>
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={locale === "en" && p.nameEn ? p.nameEn : p.name}
                  description={
                    <>
                      <div>{p.description}</div>
                      {p.availability && <ProgramFacts availability={p.availability} />}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {failure?.error && <Alert type="error" showIcon role="alert" message={locale === "en" ? failure.error.messageEn : failure.error.message} />}
      <Card title={t("myCases")} size="small">
        {waiting.map((w) => (
          <Alert
            key={w.id}
            style={{ marginBottom: 8 }}
            type="warning"
            showIcon
            message={`${locale === "en" && w.programNameEn ? w.programNameEn : w.programName} · ${t("waitlistPosition", { n: w.position })}`}
            description={
              <>
                <div>{t("waitlistHint")}</div>
                <Form method="post" onSubmit={(e) => !confirm(t("leaveWaitlistConfirm")) && e.preventDefault()} style={{ marginTop: 8 }}>
                  <CsrfInput />
                  <input type="hidden" name="leaveWaitlist" value={w.id} />
                  <Button htmlType="submit" size="middle">
                    {t("leaveWaitlist")}
                  </Button>
                </Form>
              </>
            }
          />
        ))}
        {cases.length === 0 && waiting.length === 0 ? (
          <Empty description={t("noCases")} />
        ) : (
          <List
            dataSource={cases}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/portal/cases/${c.id}`} style={{ display: "block", width: "100%" }}>
                  <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                    <strong style={{ minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" }}>{locale === "en" && c.programNameEn ? c.programNameEn : c.programName}</strong>
                    <CaseStatusTag status={c.status} />
                  </div>
                  <div className="nj-muted">
                    {c.caseNo} · {formatTime(c.createdAt, locale)}
                  </div>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}

type Facts = {
  opensAt: string | null;
  closesAt: string | null;
  refusal: { zh: string; en: string } | null;
  seats: { left: number; capacity: number; waitlist: boolean } | null;
};

/** Deadline, seats left and why one may not apply, under a program's description. */
function ProgramFacts({ availability: a }: { availability: Facts }) {
  const t = useT();
  const locale = useLocale();
  const tags: { text: string; color: string }[] = [];
  if (a.closesAt) tags.push({ text: `${t("closesOn")} ${formatTime(a.closesAt, locale)}`, color: "blue" });
  if (a.opensAt && Date.parse(a.opensAt) > Date.now()) tags.push({ text: `${t("opensOn")} ${formatTime(a.opensAt, locale)}`, color: "default" });
  if (a.seats) {
    const seatText = a.seats.left > 0 ? t("seatsLeft", { n: a.seats.left }) : a.seats.waitlist ? t("seatsFullWaitlist") : t("seatsFull");
    tags.push({ text: seatText, color: a.seats.left > 0 ? "green" : "orange" });
  }
  if (tags.length === 0 && !a.refusal) return null;
  return (
    <div style={{ marginTop: 6, display: "flex", flexWrap: "wrap", gap: 4 }}>
      {tags.map((tag) => (
        <Tag key={tag.text} color={tag.color} style={{ marginInlineEnd: 0 }}>
          {tag.text}
        </Tag>
      ))}
      {a.refusal && <Typography.Text type="warning">{locale === "en" ? a.refusal.en : a.refusal.zh}</Typography.Text>}
    </div>
  );
}
