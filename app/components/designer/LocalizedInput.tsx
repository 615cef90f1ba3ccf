import { Input } from "antd";
import type { LocalizedText } from "../../../forms/fieldDef";
import type { Locale } from "../../../forms/messages";
import { designerText } from "./designerText";

export type LocalizedInputProps = {
  id: string;
  value: LocalizedText | undefined;
  /** Called with undefined when both texts are emptied and the text is optional. */
  onChange: (value: LocalizedText | undefined) => void;
  locale: Locale;
  optional?: boolean;
  multiline?: boolean;
};

/** A text in Chinese (required) and English (optional), side by side. */
export function LocalizedInput({ id, value, onChange, locale, optional = false, multiline = false }: LocalizedInputProps) {
  const set = (lang: "zh" | "en", text: string) => {
    const next = { zh: value?.zh ?? "", en: value?.en ?? "", [lang]: text };
    onChange(optional && next.zh === "" && next.en === "" ? undefined : next);
  };
  const Control = multiline ? Input.TextArea : Input;
  const extra = multiline ? { autoSize: { minRows: 2, maxRows: 8 } } : {};
  return (
    <div className="nj-localized">
      <Control id={id} {...extra} value={value?.zh ?? ""} onChange={(e) => set("zh", e.target.value)} addonBefore={multiline ? undefined : designerText(locale, "chinese")} aria-label={designerText(locale, "chinese")} placeholder={multiline ? designerText(locale, "chinese") : undefined} />
      <Control id={`${id}-en`} {...extra} value={value?.en ?? ""} onChange={(e) => set("en", e.target.value)} addonBefore={multiline ? undefined : designerText(locale, "english")} aria-label={designerText(locale, "english")} placeholder={multiline ? designerText(locale, "english") : undefined} />
    </div>
  );
}
