import { Alert, Card, Statistic, Table } from "antd";
import { useLocale, useT } from "~/i18n/useT";

export type WidgetTile = { id: string; title: { zh: string; en: string }; data?: unknown; error?: string };

type Row = Record<string, string | number | boolean | null>;

const isRows = (v: unknown): v is Row[] =>
  Array.isArray(v) && v.length > 0 && v.every((r) => r && typeof r === "object" && !Array.isArray(r) && Object.values(r).every((x) => x === null || ["string", "number", "boolean"].includes(typeof x)));

/**
 * A plugin's dashboard tile, shown by the shape of what its loader returned: a number (or
 * `{ value, suffix }`) as a statistic, a list of flat objects as a table, anything else as text.
 */
export function WidgetTileView({ tile }: { tile: WidgetTile }) {
  const t = useT();
  const locale = useLocale();
  const d = tile.data as { value?: unknown; suffix?: unknown } | unknown;
  let body;
  if (tile.error) body = <Alert type="warning" showIcon message={t("dashWidgetFailed")} description={tile.error} />;
  else if (typeof d === "number") body = <Statistic value={d} />;
  else if (d && typeof d === "object" && typeof (d as { value?: unknown }).value === "number")
    body = <Statistic value={(d as { value: number }).value} suffix={typeof (d as { suffix?: unknown }).suffix === "string" ? (d as { suffix: string }).suffix : undefined} />;
  else if (isRows(d))
    body = (
      <Table
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        rowKey={(_, i) => String(i)}
        dataSource={d}
        columns={Object.keys(d[0]).map((k) => ({ title: k, dataIndex: k, key: k, render: (v: unknown) => (v === null ? "" : String(v)) }))}
      />
    );
  else body = <pre className="nj-json">{JSON.stringify(d, null, 2)}</pre>;
  return (
    <Card size="small" title={locale === "en" ? tile.title.en : tile.title.zh}>
      {body}
    </Card>
  );
}
