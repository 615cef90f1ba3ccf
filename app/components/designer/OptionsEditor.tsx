import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input } from "antd";
import type { FieldOption } from "../../../forms/fieldDef";
import type { Locale } from "../../../forms/messages";
import { designerText } from "./designerText";

export type OptionsEditorProps = { id: string; value: FieldOption[]; onChange: (value: FieldOption[]) => void; locale: Locale };

function nextValue(options: FieldOption[]): string {
  for (let n = options.length + 1; ; n++) {
    const value = `option${n}`;
    if (!options.some((o) => o.value === value)) return value;
  }
}

/** The choices of a select, radio or checkbox field: stored value plus label in both languages. */
export function OptionsEditor({ id, value, onChange, locale }: OptionsEditorProps) {
  const t = (k: Parameters<typeof designerText>[1]) => designerText(locale, k);
  const update = (i: number, patch: Partial<FieldOption> & { zh?: string; en?: string }) =>
    onChange(
      value.map((o, j) =>
        j === i ? { value: patch.value ?? o.value, label: { zh: patch.zh ?? o.label.zh, en: patch.en ?? o.label.en } } : o,
      ),
    );
  const move = (i: number, to: number) => {
    if (to < 0 || to >= value.length) return;
    const copy = [...value];
    const [item] = copy.splice(i, 1);
    copy.splice(to, 0, item);
    onChange(copy);
  };
  return (
    <div className="nj-options" id={id}>
      {value.map((o, i) => (
        <div className="nj-option-row" key={i}>
          <Input size="small" value={o.value} onChange={(e) => update(i, { value: e.target.value })} aria-label={`${t("optionValue")} ${i + 1}`} placeholder={t("optionValue")} />
          <Input size="small" value={o.label.zh} onChange={(e) => update(i, { zh: e.target.value })} aria-label={`${t("chinese")} ${i + 1}`} placeholder={t("chinese")} />
          <Input size="small" value={o.label.en} onChange={(e) => update(i, { en: e.target.value })} aria-label={`${t("english")} ${i + 1}`} placeholder={t("english")} />
          <span className="nj-option-actions">
            <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t("moveUp")} disabled={i === 0} onClick={() => move(i, i - 1)} />
            <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t("moveDown")} disabled={i === value.length - 1} onClick={() => move(i, i + 1)} />
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("remove")} onClick={() => onChange(value.filter((_, j) => j !== i))} />
          </span>
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { value: nextValue(value), label: { zh: `选项${value.length + 1}`, en: "" } }])}>
        {t("addOption")}
      </Button>
    </div>
  );
}
