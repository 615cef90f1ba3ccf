/**
 * Every message a form validator can show, in Chinese and English. Each names the field
 * through `{label}` so an error read out of context (a list, a screen reader) still says what is wrong.
 */
export type Locale = "zh" | "en";

export type LocalizedText = { zh: string; en: string };

const templates = {
  required: { zh: "请填写{label}", en: "{label} is required" },
  requiredChoice: { zh: "请选择{label}", en: "Please choose {label}" },
  wrongType: { zh: "{label}格式不正确", en: "{label} has the wrong type" },
  tooLong: { zh: "{label}不能超过{max}个字", en: "{label} must be at most {max} characters" },
  tooShort: { zh: "{label}至少需要{min}个字", en: "{label} must be at least {min} characters" },
  notNumber: { zh: "{label}必须是数字", en: "{label} must be a number" },
  notInteger: { zh: "{label}必须是整数", en: "{label} must be a whole number" },
  tooManyDecimals: { zh: "{label}最多保留{decimals}位小数", en: "{label} allows at most {decimals} decimal places" },
  tooSmall: { zh: "{label}不能小于{min}", en: "{label} must be at least {min}" },
  tooBig: { zh: "{label}不能大于{max}", en: "{label} must be at most {max}" },
  moneyNegative: { zh: "{label}不能为负数", en: "{label} cannot be negative" },
  notDate: { zh: "{label}不是有效日期（格式 YYYY-MM-DD）", en: "{label} is not a valid date (YYYY-MM-DD)" },
  dateTooEarly: { zh: "{label}不能早于{min}", en: "{label} cannot be before {min}" },
  dateTooLate: { zh: "{label}不能晚于{max}", en: "{label} cannot be after {max}" },
  notAnOption: { zh: "{label}的选项无效", en: "{label}: not one of the choices" },
  tooFewChoices: { zh: "{label}至少选择{min}项", en: "{label}: choose at least {min}" },
  tooManyChoices: { zh: "{label}最多选择{max}项", en: "{label}: choose at most {max}" },
  tooManyPeople: { zh: "{label}最多选择{max}人", en: "{label}: choose at most {max} people" },
  approverNotOffered: { zh: "{label}中有人不在可选的审批人范围内，请重新选择", en: "{label} names someone who cannot approve this application; choose again" },
  duplicateChoice: { zh: "{label}有重复选项", en: "{label} has a repeated choice" },
  notBoolean: { zh: "{label}只能是“是”或“否”", en: "{label} must be yes or no" },
  idNumberLength: { zh: "{label}应为18位", en: "{label} must be 18 characters" },
  idNumberChars: { zh: "{label}只能包含数字，最后一位可以是X", en: "{label} may contain only digits, with X allowed last" },
  idNumberRegion: { zh: "{label}的地区码不正确", en: "{label} has an invalid region code" },
  idNumberBirthDate: { zh: "{label}中的出生日期不正确", en: "{label} contains an invalid birth date" },
  idNumberCheckDigit: { zh: "{label}校验位不正确", en: "{label} check digit is wrong" },
  mobile: { zh: "{label}应为11位中国大陆手机号", en: "{label} must be an 11-digit mainland China mobile number" },
  email: { zh: "{label}不是有效的电子邮箱", en: "{label} is not a valid email address" },
  creditCodeShape: { zh: "{label}应为18位，由数字和大写字母组成（不含I、O、Z、S、V）", en: "{label} must be 18 digits or capital letters (no I, O, Z, S, V)" },
  creditCodeCheck: { zh: "{label}校验码不正确", en: "{label} check character is wrong" },
  bankCardShape: { zh: "{label}应为12至19位数字", en: "{label} must be 12 to 19 digits" },
  bankCardCheck: { zh: "{label}校验不通过，请核对卡号", en: "{label} fails the card check; please verify the number" },
  consentRequired: { zh: "请阅读并同意{label}", en: "Please read and accept {label}" },
  consentVersion: { zh: "{label}已更新，请重新阅读并同意", en: "{label} has changed; please read and accept it again" },
  requiredUpload: { zh: "请上传{label}", en: "Please upload {label}" },
  tooManyFiles: { zh: "{label}最多上传{max}个文件", en: "{label}: upload at most {max} files" },
  duplicateFile: { zh: "{label}中有重复的文件", en: "{label} has the same file twice" },
  fileNotFound: { zh: "{label}中有文件不存在或已失效，请重新上传", en: "{label}: a file is missing or no longer usable; please upload it again" },
  fileTypeNotAllowed: { zh: "{label}只接受 {types} 文件，“{name}”的实际内容是{actual}", en: "{label} accepts only {types} files; “{name}” is really {actual}" },
  fileTooLarge: { zh: "{label}的每个文件不能超过 {max} MB，“{name}”有 {size} MB", en: "{label}: each file must be at most {max} MB; “{name}” is {size} MB" },
  fileEmpty: { zh: "{label}：“{name}”是空文件", en: "{label}: “{name}” is empty" },
  regionIncomplete: { zh: "请选择完整的{label}（选到{level}）", en: "Choose {label} down to the {level}" },
  regionUnknown: { zh: "{label}中的地区不存在", en: "{label} names a place that does not exist" },
  regionOutside: { zh: "{label}须在{within}范围内", en: "{label} must be within {within}" },
  tableTooManyRows: { zh: "{label}最多{max}行", en: "{label} allows at most {max} rows" },
  tableTooFewRows: { zh: "{label}至少需要{min}行", en: "{label} needs at least {min} rows" },
  rowIssue: { zh: "第{row}行：{message}", en: "Row {row}: {message}" },
  signatureNotPng: { zh: "{label}不是有效的签名图片", en: "{label} is not a valid signature image" },
  signatureTooLarge: { zh: "{label}图片不能超过{max}KB", en: "{label} image must be at most {max} KB" },
  notDateTime: { zh: "{label}不是有效的日期时间", en: "{label} is not a valid date and time" },
  dateRangeIncomplete: { zh: "请选择{label}的开始和结束日期", en: "Choose both the start and the end of {label}" },
  dateRangeReversed: { zh: "{label}的结束日期不能早于开始日期", en: "{label} cannot end before it starts" },
  dateRangeTooLong: { zh: "{label}不能超过{max}天", en: "{label} can be at most {max} days" },
  checklistIncomplete: { zh: "请逐项确认{label}", en: "Please confirm every item of {label}" },
  signatureRequired: { zh: "请在{label}处手写签名", en: "Please sign {label}" },
  notEditable: { zh: "{label}在本环节不可修改", en: "{label} cannot be changed at this step" },
  notAnObject: { zh: "提交的内容格式不正确", en: "The submission is not a form object" },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof templates;

export type MessageParams = Record<string, string | number>;

/** Fill a template; unknown placeholders stay visible rather than silently vanishing. */
export function formMessage(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return templates[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Pick the text for a locale, falling back to Chinese (the language every form must have). */
export function localized(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return "";
  return (locale === "en" ? text.en : text.zh) || text.zh;
}
