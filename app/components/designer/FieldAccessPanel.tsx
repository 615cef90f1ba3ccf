import { Alert, Button, Collapse, Radio, Space, Typography } from "antd";
import { getFieldType } from "../../../forms/fieldRegistry";
import { localized, type Locale } from "../../../forms/messages";
import type { DraftField } from "./designerModel";
import { designerText } from "./designerText";

export type FieldAccess = "editable" | "readonly" | "hidden";
/** Per approval node (userTask id), per field key; a field not listed is read-only (只读). */
export type AccessMatrix = Record<string, Record<string, FieldAccess>>;
export type FlowUserTask = { id: string; name: string };

export const DEFAULT_ACCESS: FieldAccess = "readonly";
const CHOICES: FieldAccess[] = ["editable", "readonly", "hidden"];
const CHOICE_TEXT = { editable: "accessEditable", readonly: "accessReadonly", hidden: "accessHidden" } as const;

export type FieldAccessPanelProps = {
  fields: DraftField[];
  userTasks: FlowUserTask[];
  access: AccessMatrix;
  onChange: (next: AccessMatrix) => void;
  locale: Locale;
};

/** Drop the default (read-only) entries so that the matrix stores only what differs from it. */
export function setAccess(matrix: AccessMatrix, nodeId: string, keys: string[], value: FieldAccess): AccessMatrix {
  const node = { ...(matrix[nodeId] ?? {}) };
  for (const key of keys) {
    if (value === DEFAULT_ACCESS) delete node[key];
    else node[key] = value;
  }
  return { ...matrix, [nodeId]: node };
}

/** Fields that take an entry: value fields, and section headings (their entry covers the fields under them). */
function accessibleFields(fields: DraftField[]): DraftField[] {
  return fields.filter((f) => f.type === "group" || (getFieldType(f.type)?.valueKind ?? "none") !== "none");
}

/** Only the form's current fields (a removed or renamed field's old entry is dropped). */
export function pruneAccess(matrix: AccessMatrix, fields: DraftField[]): AccessMatrix {
  const keys = new Set(accessibleFields(fields).map((f) => f.key));
  return Object.fromEntries(Object.entries(matrix).map(([node, entries]) => [node, Object.fromEntries(Object.entries(entries).filter(([k]) => keys.has(k)))]));
}

/** 可编辑 / 只读 / 隐藏 for each value field at each approval node of the program's flow. */
export function FieldAccessPanel({ fields, userTasks, access, onChange, locale }: FieldAccessPanelProps) {
  const t = (k: Parameters<typeof designerText>[1]) => designerText(locale, k);
  const valueFields = accessibleFields(fields);
  if (userTasks.length === 0) return <Alert type="info" showIcon message={t("accessNoNodes")} />;
  const keys = valueFields.filter((f) => f.type !== "group").map((f) => f.key);
  return (
    <div className="nj-access" data-testid="field-access">
      <Typography.Paragraph type="secondary">{t("accessIntro")}</Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={userTasks.slice(0, 1).map((n) => n.id)}
        items={userTasks.map((node) => ({
          key: node.id,
          label: (
            <span>
              {node.name || node.id} <code className="nj-muted">{node.id}</code>
            </span>
          ),
          children: (
            <div>
              <Space size={4} wrap style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t("accessAll")}</Typography.Text>
                {CHOICES.map((c) => (
                  <Button key={c} size="small" onClick={() => onChange(setAccess(access, node.id, keys, c))}>
                    {t(CHOICE_TEXT[c])}
                  </Button>
                ))}
              </Space>
              {valueFields.map((f) => {
                const value = access[node.id]?.[f.key] ?? DEFAULT_ACCESS;
                const label = f.label ? localized({ zh: f.label.zh ?? "", en: f.label.en ?? "" }, locale) : f.key;
                // Computed values are recomputed, never edited by an approver.
                const neverEditable = getFieldType(f.type)?.valueKind === "computed";
                return (
                  <div key={f.key} className={`nj-access-row${f.type === "group" ? " is-group" : ""}`}>
                    <span className="nj-access-label" title={f.key}>
                      {label}
                    </span>
                    <Radio.Group
                      size="small"
                      optionType="button"
                      value={value}
                      onChange={(e) => onChange(setAccess(access, node.id, [f.key], e.target.value as FieldAccess))}
                      options={CHOICES.map((c) => ({ value: c, label: t(CHOICE_TEXT[c]), disabled: c === "editable" && neverEditable }))}
                      aria-label={`${node.name || node.id} · ${label}`}
                    />
                  </div>
                );
              })}
            </div>
          ),
        }))}
      />
    </div>
  );
}
