import { useFetcher } from "@remix-run/react";
import { Alert, Button, Card, Empty, Popconfirm, Typography } from "antd";
import { useEffect } from "react";
import type { PluginPageViewProps } from "../../types";
import type { PayoutOverview } from "../payouts";
import { beijingDateTime, replyText, type ActionReply } from "./viewText";

const TEXT = {
  zh: {
    title: "平安返厦发放批次",
    intro: "已核准、尚未发放的申请生成一个发放批次，下载银行代发文件（CSV，UTF-8，Excel 可直接打开）。每个申请只会进入一个批次；每次导出都记入审计日志。",
    cardWarning: "银行卡号按原样导出。用 Excel 检查后如需另存，请先把“银行卡号”列设为文本，否则超过15位的卡号会被改写。",
    waiting: (n: number, total: string) => `待发放 ${n} 人，合计 ¥${total}`,
    create: "生成批次并下载",
    confirm: (n: number) => `把 ${n} 个已核准申请生成一个发放批次？`,
    yes: "生成",
    no: "取消",
    batches: "已生成的批次",
    batchLine: (n: number, total: string) => `${n} 人 · ¥${total}`,
    download: "重新下载",
    none: "还没有发放批次",
    created: (no: string) => `已生成批次 ${no}，文件已开始下载`,
  },
  en: {
    title: "Safe Return payouts",
    intro: "Approved claims not yet paid go into a payout batch; download the bank file (CSV, UTF-8, opens in Excel). A claim goes into one batch only; every export is written to the audit log.",
    cardWarning: "Card numbers are exported as they are. If you check the file in Excel and save it, make the card column text first, or Excel rewrites numbers longer than 15 digits.",
    waiting: (n: number, total: string) => `${n} to pay, ¥${total} in all`,
    create: "Create batch and download",
    confirm: (n: number) => `Put ${n} approved claims into a payout batch?`,
    yes: "Create",
    no: "Cancel",
    batches: "Batches",
    batchLine: (n: number, total: string) => `${n} people · ¥${total}`,
    download: "Download again",
    none: "No batches yet",
    created: (no: string) => `Batch ${no} created; the file is downloading`,
  },
};

/** Save a file an action returned (the bank file) through the browser's download. */
function saveFile(file: { fileName: string; contentType: string; body: string }) {
  const url = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const row = { display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12, padding: "10px 0", borderBottom: "1px solid #f0f0f0" } as const;

/** 发放批次 for district admins: what waits to be paid, a button that makes the next batch, and every batch to download again. */
export function XiamenPayoutsView({ data, locale, csrf }: PluginPageViewProps) {
  const d = data as PayoutOverview;
  const t = TEXT[locale];
  const fetcher = useFetcher<ActionReply>();
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const file = reply && "ok" in reply ? reply.file : null;
  useEffect(() => {
    if (file) saveFile(file);
  }, [file]);
  const shown = file ? { type: "success" as const, text: t.created(file.fileName.replace(/\.csv$/, "")) } : replyText(reply, locale);
  const busy = fetcher.state !== "idle";
  const post = (fields: Record<string, string>) => fetcher.submit({ _csrf: csrf, ...fields }, { method: "post" });

  return (
    <div className="nj-narrow nj-stack">
      <Typography.Title level={3} className="nj-page-title" style={{ marginBottom: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      <Alert type="warning" showIcon message={t.cardWarning} />
      {shown && <Alert type={shown.type} showIcon role="alert" message={shown.text} />}
      {d.waiting.map((w) => (
        <Card key={w.districtId} size="small" title={w.districtName}>
          <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: 12 }}>
            <span style={{ fontSize: 16 }}>{t.waiting(w.count, w.total)}</span>
            <Popconfirm title={t.confirm(w.count)} okText={t.yes} cancelText={t.no} onConfirm={() => post({ _action: "createBatch", districtId: w.districtId })} disabled={w.count === 0}>
              <Button type="primary" className="nj-big-button" disabled={busy || w.count === 0}>
                {t.create}
              </Button>
            </Popconfirm>
          </div>
        </Card>
      ))}
      <Card size="small" title={t.batches}>
        {d.batches.length === 0 ? (
          <Empty description={t.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          d.batches.map((b) => (
            <div key={b.batchNo} style={row}>
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 600, overflowWrap: "anywhere", fontVariantNumeric: "tabular-nums" }}>{b.batchNo}</div>
                <div className="nj-muted">
                  {t.batchLine(b.count, b.total)} · {beijingDateTime(b.createdAt)}
                </div>
              </div>
              <Button className="nj-big-button" disabled={busy} onClick={() => post({ _action: "download", batchNo: b.batchNo })} style={{ flex: "0 0 auto" }}>
                {t.download}
              </Button>
            </div>
          ))
        )}
      </Card>
    </div>
  );
}
