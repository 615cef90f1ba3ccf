import { Alert, Button, Input, Modal, Space } from "antd";
import { useState, type ChangeEvent } from "react";
import type { Locale } from "../../../forms/messages";
import type { DraftForm } from "./designerModel";
import { designerText } from "./designerText";
import { checkDraftForm, type DesignerProblem } from "./problems";

type Checked = { kind: "empty" } | { kind: "badJson"; message: string } | { kind: "notAForm" } | { kind: "checked"; form: DraftForm; problems: DesignerProblem[] };

/** Enough shape for the canvas to show it (an object with a fields array of keyed, typed objects). */
function looksLikeForm(value: unknown): value is DraftForm {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const fields = (value as { fields?: unknown }).fields;
  return Array.isArray(fields) && fields.every((f) => typeof f === "object" && f !== null && typeof (f as { key?: unknown }).key === "string" && typeof (f as { type?: unknown }).type === "string");
}

export function checkImport(text: string): Checked {
  if (text.trim() === "") return { kind: "empty" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: "badJson", message: (err as Error).message };
  }
  if (!looksLikeForm(value)) return { kind: "notAForm" };
  return { kind: "checked", form: value, problems: checkDraftForm(value).problems };
}

export type ImportDialogProps = { open: boolean; locale: Locale; onClose: () => void; onImport: (form: DraftForm) => void };

/** Paste or open a form JSON; it is checked as saving would check it before it replaces the canvas. */
export function ImportDialog({ open, locale, onClose, onImport }: ImportDialogProps) {
  const t = (k: Parameters<typeof designerText>[1], p?: Record<string, string | number>) => designerText(locale, k, p);
  const [text, setText] = useState("");
  const checked = checkImport(text);
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  };
  const finish = (form: DraftForm) => {
    onImport(form);
    setText("");
    onClose();
  };
  return (
    <Modal open={open} title={t("importTitle")} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <p>{t("importHint")}</p>
      <Space direction="vertical" style={{ width: "100%" }}>
        <input type="file" accept="application/json,.json" onChange={readFile} aria-label={t("importChooseFile")} />
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 8, maxRows: 18 }} className="nj-mono" spellCheck={false} aria-label={t("importTitle")} data-testid="import-json" />
        {checked.kind === "badJson" && <Alert type="error" showIcon message={t("invalidJson", { message: checked.message })} />}
        {checked.kind === "notAForm" && <Alert type="error" showIcon message={t("importNotAForm")} />}
        {checked.kind === "checked" && checked.problems.length === 0 && <Alert type="success" showIcon message={t("importValid")} />}
        {checked.kind === "checked" && checked.problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            message={t("importProblems", { n: checked.problems.length })}
            description={
              <ul className="nj-problem-list" data-testid="import-problems">
                {checked.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    <code>{p.path || "/"}</code> <code>{p.code}</code> {locale === "en" ? p.messageEn : p.messageZh}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Space wrap>
          {checked.kind === "checked" && checked.problems.length === 0 && (
            <Button type="primary" onClick={() => finish(checked.form)}>
              {t("doImport")}
            </Button>
          )}
          {checked.kind === "checked" && checked.problems.length > 0 && <Button onClick={() => finish(checked.form)}>{t("importAnyway")}</Button>}
          <Button onClick={onClose}>{t("cancel")}</Button>
        </Space>
      </Space>
    </Modal>
  );
}

/** Offer the form as a .json download. */
export function downloadJson(form: DraftForm) {
  const blob = new Blob([JSON.stringify(form, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${form.id || "form"}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
