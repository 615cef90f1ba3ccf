import type { Locale } from "../../../forms/messages";

/** The upload widget's own words. */
const text = {
  choosePhoto: { zh: "拍照或选图", en: "Photo" },
  chooseFile: { zh: "选择文件", en: "Choose file" },
  limits: { zh: "支持 {types}，每个不超过 {max} MB，最多 {count} 个", en: "{types}, up to {max} MB each, at most {count}" },
  failed: { zh: "上传失败，请检查网络后重试", en: "Upload failed; check the connection and try again" },
  remove: { zh: "删除", en: "Remove" },
  open: { zh: "查看", en: "Open" },
  noFiles: { zh: "未上传", en: "None" },
} satisfies Record<string, { zh: string; en: string }>;

export function uploadText(locale: Locale, key: keyof typeof text, params: Record<string, string | number> = {}): string {
  return text[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
