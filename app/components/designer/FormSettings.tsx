import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Divider, Form, Input } from "antd";
import type { LocalizedText } from "../../../forms/fieldDef";
import type { FeelContext } from "../../../forms/feel";
import type { Locale } from "../../../forms/messages";
import type { DraftForm } from "./designerModel";
import { designerText } from "./designerText";
import { FeelInput, type FeelVariable } from "./FeelInput";
import { LocalizedInput } from "./LocalizedInput";
import type { DesignerProblem } from "./problems";

export type FormSettingsProps = {
  form: DraftForm;
  locale: Locale;
  problems: DesignerProblem[];
  feelVariables: FeelVariable[];
  feelContext?: FeelContext;
  onPatch: (patch: Partial<DraftForm>, tag?: string) => void;
};

type Rule = NonNullable<DraftForm["rules"]>[number];

/** The form as a whole: title, description, pages (steps) and custom rules in FEEL. */
export function FormSettings({ form, locale, problems, feelVariables, feelContext, onPatch }: FormSettingsProps) {
  const t = (k: Parameters<typeof designerText>[1]) => designerText(locale, k);
  const pages = form.pages ?? [];
  const rules = form.rules ?? [];
  const setPages = (next: typeof pages, tag?: string) => onPatch({ pages: next.length ? next : undefined }, tag);
  const setRules = (next: Rule[], tag?: string) => onPatch({ rules: next.length ? next : undefined }, tag);
  const formProblems = problems.filter((p) => p.fieldIndex === null);
  return (
    <Form layout="vertical" component={false}>
      {formProblems.length > 0 && (
        <ul className="nj-problem-list nj-feel-error">
          {formProblems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code> {locale === "en" ? p.messageEn : p.messageZh}
            </li>
          ))}
        </ul>
      )}
      <Form.Item label={t("formTitle")} htmlFor="form-title" required>
        <LocalizedInput id="form-title" value={form.title} onChange={(v) => onPatch({ title: v ?? { zh: "", en: "" } }, "title")} locale={locale} />
      </Form.Item>
      <Form.Item label={t("description")} htmlFor="form-description">
        <LocalizedInput id="form-description" value={form.description} onChange={(v) => onPatch({ description: v }, "description")} locale={locale} optional multiline />
      </Form.Item>
      <Form.Item label={t("formId")} htmlFor="form-id">
        <Input id="form-id" className="nj-mono" value={form.id} onChange={(e) => onPatch({ id: e.target.value }, "id")} />
      </Form.Item>

      <Divider orientation="left" plain>
        {t("pages")}
      </Divider>
      {pages.map((page, i) => (
        <div key={i} className="nj-page-row">
          <Input className="nj-mono" value={page.id} aria-label={`${t("formId")} ${i + 1}`} onChange={(e) => setPages(pages.map((p, j) => (j === i ? { ...p, id: e.target.value } : p)), `page${i}`)} style={{ width: 110 }} />
          <LocalizedInput id={`page-${i}`} value={page.title} onChange={(v: LocalizedText | undefined) => setPages(pages.map((p, j) => (j === i ? { ...p, title: v ?? { zh: "", en: "" } } : p)), `page${i}`)} locale={locale} />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => setPages(pages.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setPages([...pages, { id: `page${pages.length + 1}`, title: { zh: `第${pages.length + 1}步`, en: `Step ${pages.length + 1}` } }])}>
        {t("addPage")}
      </Button>

      <Divider orientation="left" plain>
        {t("rules")}
      </Divider>
      {rules.map((rule, i) => (
        <Card key={i} size="small" className="nj-rule-card" extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => setRules(rules.filter((_, j) => j !== i))} />}>
          <Form.Item label={t("ruleWhen")} htmlFor={`rule-${i}-when`}>
            <FeelInput id={`rule-${i}-when`} value={rule.when ?? ""} onChange={(v) => setRules(rules.map((r, j) => (j === i ? { ...r, when: v.trim() === "" ? undefined : v } : r)), `rule${i}when`)} variables={feelVariables} context={feelContext} locale={locale} ariaLabel={t("ruleWhen")} />
          </Form.Item>
          <Form.Item label={t("ruleAssert")} htmlFor={`rule-${i}-assert`} required>
            <FeelInput id={`rule-${i}-assert`} value={rule.assert} onChange={(v) => setRules(rules.map((r, j) => (j === i ? { ...r, assert: v } : r)), `rule${i}assert`)} variables={feelVariables} context={feelContext} locale={locale} ariaLabel={t("ruleAssert")} />
          </Form.Item>
          <Form.Item label={t("ruleMessage")} htmlFor={`rule-${i}-message`} required>
            <LocalizedInput id={`rule-${i}-message`} value={rule.message} onChange={(v) => setRules(rules.map((r, j) => (j === i ? { ...r, message: v ?? { zh: "", en: "" } } : r)), `rule${i}message`)} locale={locale} />
          </Form.Item>
        </Card>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setRules([...rules, { assert: "true", message: { zh: "请检查填写内容", en: "Please check your answers" } }])}>
        {t("addRule")}
      </Button>
    </Form>
  );
}
