import { z } from "zod";
import type { LocalizedText } from "./fieldDef";
import { getFieldType, listFieldTypes } from "./fieldRegistry";

/**
 * How the form designer offers each field type: its palette group, name, icon and the starting
 * definition of a freshly dropped field. A field type without an entry still appears (under
 * 其他 / Other, named by its type) with a starting definition derived from its props' meta-schema,
 * so a new type shows up in the designer as soon as it is registered. Plugins add entries with
 * `registerFieldPalette`, beside `registerFieldType`.
 */
export type PaletteGroupId = "basic" | "choice" | "identity" | "files" | "layout" | "advanced" | "other";

export const PALETTE_GROUPS: { id: PaletteGroupId; label: LocalizedText }[] = [
  { id: "basic", label: { zh: "基础", en: "Basic" } },
  { id: "choice", label: { zh: "选择", en: "Choices" } },
  { id: "identity", label: { zh: "证件与联系方式", en: "IDs & contact" } },
  { id: "files", label: { zh: "附件与签名", en: "Files & signature" } },
  { id: "layout", label: { zh: "布局与说明", en: "Layout & text" } },
  { id: "advanced", label: { zh: "高级", en: "Advanced" } },
  { id: "other", label: { zh: "其他", en: "Other" } },
];

export type PaletteEntry = {
  group: PaletteGroupId;
  label: LocalizedText;
  /** An icon name the designer maps to a picture (unknown names get a generic one). */
  icon: string;
  /** Type-specific properties of a new field (label, key and type are added by `newFieldDef`). */
  template?: Record<string, unknown>;
};

const option = (value: string, zh: string, en: string) => ({ value, label: { zh, en } });
const twoOptions = { options: [option("option1", "选项一", "Option 1"), option("option2", "选项二", "Option 2")] };

const entries = new Map<string, PaletteEntry>();

export function registerFieldPalette(type: string, entry: PaletteEntry): void {
  if (entries.has(type)) throw new Error(`字段类型的设计器信息重复注册 / palette entry for "${type}" is already registered`);
  entries.set(type, entry);
}

const builtins: [string, PaletteEntry][] = [
  ["text", { group: "basic", label: { zh: "单行文本", en: "Text" }, icon: "text" }],
  ["textarea", { group: "basic", label: { zh: "多行文本", en: "Long text" }, icon: "textarea" }],
  ["number", { group: "basic", label: { zh: "数字", en: "Number" }, icon: "number" }],
  ["money", { group: "basic", label: { zh: "金额", en: "Amount (CNY)" }, icon: "money" }],
  ["date", { group: "basic", label: { zh: "日期", en: "Date" }, icon: "date" }],
  ["dateTime", { group: "basic", label: { zh: "日期时间", en: "Date & time" }, icon: "dateTime" }],
  ["dateRange", { group: "basic", label: { zh: "日期区间", en: "Date range" }, icon: "dateRange" }],
  ["switch", { group: "basic", label: { zh: "开关", en: "Yes / no" }, icon: "switch" }],
  ["select", { group: "choice", label: { zh: "下拉选择", en: "Dropdown" }, icon: "select", template: twoOptions }],
  ["radio", { group: "choice", label: { zh: "单选", en: "Single choice" }, icon: "radio", template: twoOptions }],
  ["checkbox", { group: "choice", label: { zh: "多选", en: "Multiple choice" }, icon: "checkbox", template: twoOptions }],
  ["checklist", { group: "choice", label: { zh: "清单", en: "Checklist" }, icon: "checklist", template: twoOptions }],
  ["approverPicker", { group: "choice", label: { zh: "审批人自选", en: "Approver choice" }, icon: "approverPicker" }],
  ["region", { group: "choice", label: { zh: "省市区街道", en: "Region" }, icon: "region" }],
  ["idNumber", { group: "identity", label: { zh: "身份证号", en: "ID number" }, icon: "idNumber" }],
  ["mobile", { group: "identity", label: { zh: "手机号", en: "Mobile" }, icon: "mobile" }],
  ["email", { group: "identity", label: { zh: "电子邮箱", en: "Email" }, icon: "email" }],
  ["creditCode", { group: "identity", label: { zh: "统一社会信用代码", en: "Credit code" }, icon: "creditCode" }],
  ["bankCard", { group: "identity", label: { zh: "银行卡号", en: "Bank card" }, icon: "bankCard" }],
  ["address", { group: "identity", label: { zh: "详细地址", en: "Address" }, icon: "region" }],
  ["upload", { group: "files", label: { zh: "附件/图片", en: "Files / images" }, icon: "upload" }],
  ["signature", { group: "files", label: { zh: "手写签名", en: "Signature" }, icon: "signature" }],
  ["group", { group: "layout", label: { zh: "分组标题", en: "Section" }, icon: "group" }],
  ["static", { group: "layout", label: { zh: "说明文字", en: "Text block" }, icon: "static", template: { content: { zh: "在这里填写说明文字。", en: "" } } }],
  ["table", { group: "advanced", label: { zh: "明细表", en: "Detail table" }, icon: "table", template: { columns: [{ key: "name", type: "text", label: { zh: "姓名", en: "Name" } }, { key: "amount", type: "money", label: { zh: "金额", en: "Amount" }, default: 0 }] } }],
  ["computed", { group: "advanced", label: { zh: "计算字段", en: "Computed" }, icon: "computed", template: { expression: "0" } }],
  ["consent", { group: "advanced", label: { zh: "同意条款", en: "Consent" }, icon: "consent", template: { text: { zh: "我已阅读并同意以上内容。", en: "" }, version: "1" } }],
];
for (const [type, entry] of builtins) registerFieldPalette(type, entry);

/** The palette entry of a registered type; a type nobody described is offered under 其他 by its name. */
export function paletteEntryOf(type: string): PaletteEntry {
  return entries.get(type) ?? { group: "other", label: { zh: type, en: type }, icon: "other" };
}

/** Every registered field type with its palette entry, in palette order. */
export function listPalette(): { type: string; entry: PaletteEntry }[] {
  const order = [...entries.keys()];
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  return listFieldTypes()
    .map((type) => ({ type, entry: paletteEntryOf(type) }))
    .sort((a, b) => rank(a.type) - rank(b.type));
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  [other: string]: unknown;
};

const propSchemas = new Map<string, JsonSchema>();

/** JSON Schema of a field type's own properties (from its zod meta-schema), for property editors. */
export function fieldPropsJsonSchema(type: string): JsonSchema {
  const cached = propSchemas.get(type);
  if (cached) return cached;
  const fieldType = getFieldType(type);
  let schema: JsonSchema = { type: "object", properties: {} };
  if (fieldType) {
    try {
      schema = z.toJSONSchema(z.object(fieldType.props), { io: "input", unrepresentable: "any" }) as JsonSchema;
    } catch {
      // A prop zod cannot describe: the designer falls back to editing the field as JSON.
    }
  }
  propSchemas.set(type, schema);
  return schema;
}

/** A value that satisfies `schema` as simply as possible (for required props of a new field). */
export function sampleValue(schema: JsonSchema, label: LocalizedText): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "number":
    case "integer":
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) => sampleValue(schema.items ?? {}, { zh: `${label.zh}${i + 1}`, en: `${label.en} ${i + 1}` }));
    case "object": {
      const props = schema.properties ?? {};
      if (props.zh && props.en) return { zh: label.zh, en: label.en };
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = sampleValue(props[name] ?? {}, label);
      return out;
    }
    default:
      return null;
  }
}

/** A key not yet taken: `text1`, `text2`… */
export function freshKey(type: string, taken: ReadonlySet<string>): string {
  const prefix = type.replace(/[^A-Za-z0-9_]/g, "").replace(/^[^A-Za-z]+/, "") || "field";
  for (let n = 1; ; n++) {
    const key = `${prefix}${n}`;
    if (!taken.has(key)) return key;
  }
}

/** The definition of a field just dropped from the palette: a fresh key, the type's name as label, valid starting props. */
export function newFieldDef(type: string, taken: ReadonlySet<string>): Record<string, unknown> {
  const entry = paletteEntryOf(type);
  const def: Record<string, unknown> = { key: freshKey(type, taken), type, label: { ...entry.label } };
  if (entry.template) return { ...def, ...structuredClone(entry.template) };
  const props = fieldPropsJsonSchema(type);
  for (const name of props.required ?? []) def[name] = sampleValue(props.properties?.[name] ?? {}, entry.label);
  return def;
}
