import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Empty, List, Typography } from "antd";
import { requireUser } from "~/auth.server";
import { CaseStatusTag } from "~/components/CaseStatusTag";
import { formatTime } from "~/components/CaseTimeline";
import { useLocale, useT } from "~/i18n/useT";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [programs, cases] = await Promise.all([services.listOpenPrograms(user), services.listMyCases(user)]);
  return json({
    me: { name: user.name, orgName: user.orgName, memberNo: user.memberNo },
    programs,
    cases: cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
  });
}

export default function Portal() {
  const { me, programs, cases } = useLoaderData<typeof loader>();
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
                <List.Item.Meta title={locale === "en" && p.nameEn ? p.nameEn : p.name} description={p.description} />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t("myCases")} size="small">
        {cases.length === 0 ? (
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
