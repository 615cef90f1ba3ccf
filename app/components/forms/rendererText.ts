import type { Locale } from "../../../forms/messages";

/** The renderer's own words (not the form's): buttons, placeholders, empty markers. */
const text = {
  submit: { zh: "提交", en: "Submit" },
  choose: { zh: "请选择", en: "Choose" },
  choosePerson: { zh: "请选择审批人", en: "Choose the approver" },
  choosePeople: { zh: "请选择审批人（最多{max}人）", en: "Choose the approvers (up to {max})" },
  approverPreview: { zh: "申请时从申请人所在工会及上级工会的审批人中选择", en: "Applicants choose from the approvers of their own union and the unions above it" },
  approverNone: { zh: "您所在的工会暂无可选的审批人，请联系工会", en: "Your union has nobody to choose here yet; please contact the union" },
  enter: { zh: "请输入", en: "Enter" },
  consentCheck: { zh: "我已阅读并同意{label}", en: "I have read and accept the {label}" },
  amountInWords: { zh: "大写：", en: "In words: " },
  notFilled: { zh: "未填写", en: "Not given" },
  fixErrors: { zh: "请修改标红的项目后再提交", en: "Please correct the fields marked in red" },
  loadingFields: { zh: "正在显示其余项目…", en: "Showing the remaining fields…" },
  yes: { zh: "是", en: "Yes" },
  no: { zh: "否", en: "No" },
  chooseLevel: { zh: "请选择{level}", en: "Choose the {level}" },
  row: { zh: "第{n}行", en: "Row {n}" },
  removeRow: { zh: "删除第{n}行", en: "Remove row {n}" },
  addRow: { zh: "添加一行", en: "Add a row" },
  rowCount: { zh: "{n}/{max}行", en: "{n} of {max} rows" },
  totals: { zh: "合计", en: "Totals" },
  signHere: { zh: "请在框内手写签名", en: "Sign inside the box" },
  clearSignature: { zh: "重签", en: "Clear" },
  signed: { zh: "已签名", en: "Signed" },
  rangeTo: { zh: "至", en: "to" },
  rangeStart: { zh: "开始日期", en: "Start date" },
  rangeEnd: { zh: "结束日期", en: "End date" },
  previous: { zh: "上一步", en: "Back" },
  next: { zh: "下一步", en: "Next" },
  stepOf: { zh: "第{n}步，共{total}步", en: "Step {n} of {total}" },
  loadFailed: { zh: "加载失败，请点此重试", en: "Could not load; tap to retry" },
  choosePhoto: { zh: "拍照或选图", en: "Photo" },
  chooseFile: { zh: "选择文件", en: "Choose file" },
  uploadLimits: { zh: "支持 {types}，每个不超过 {max} MB，最多 {count} 个", en: "{types}, up to {max} MB each, at most {count}" },
  uploadFailed: { zh: "上传失败，请检查网络后重试", en: "Upload failed; check the connection and try again" },
  noFiles: { zh: "未上传", en: "None" },
} satisfies Record<string, { zh: string; en: string }>;

export type RendererTextKey = keyof typeof text;

export function rendererText(locale: Locale, key: RendererTextKey, params: Record<string, string> = {}): string {
  return text[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
