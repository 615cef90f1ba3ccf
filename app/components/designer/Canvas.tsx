import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, HolderOutlined } from "@ant-design/icons";
import { useDroppable } from "@dnd-kit/core";
import { rectSortingStrategy, SortableContext, useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button, Tag, Tooltip } from "antd";
import type { KeyboardEvent } from "react";
import { paletteEntryOf } from "../../../forms/fieldPalette";
import { getFieldType } from "../../../forms/fieldRegistry";
import { localized, type Locale } from "../../../forms/messages";
import type { DraftField } from "./designerModel";
import { designerText } from "./designerText";
import { FieldIcon } from "./fieldIcons";
import type { DesignerProblem } from "./problems";

export const CANVAS_ID = "canvas";

type ItemProps = {
  id: string;
  index: number;
  count: number;
  field: DraftField;
  selected: boolean;
  problems: DesignerProblem[];
  insertBefore: boolean;
  locale: Locale;
  onSelect: () => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onRemove: () => void;
};

function textOf(value: unknown, locale: Locale): string {
  const v = value as { zh?: unknown; en?: unknown } | undefined;
  return typeof v?.zh === "string" ? localized({ zh: v.zh, en: typeof v.en === "string" ? v.en : "" }, locale) : "";
}

function CanvasItem({ id, index, count, field, selected, problems, insertBefore, locale, onSelect, onMove, onDuplicate, onRemove }: ItemProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const t = (k: Parameters<typeof designerText>[1]) => designerText(locale, k);
  const widget = getFieldType(field.type)?.hint.widget;
  const entry = paletteEntryOf(field.type);
  const label = textOf(field.label, locale) || field.key;
  const width = typeof field.width === "number" ? field.width : 24;
  const conditional = ["hiddenIf", "requiredIf", "readonlyIf"].some((p) => typeof field[p] === "string");
  const classes = ["nj-canvas-item", selected && "is-selected", problems.length > 0 && "has-problem", isDragging && "is-dragging", insertBefore && "insert-before", widget === "group" && "is-group"]
    .filter(Boolean)
    .join(" ");
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect();
    }
  };
  return (
    <div
      ref={setNodeRef}
      className={classes}
      style={{ gridColumn: `span ${width}`, transform: CSS.Translate.toString(transform), transition }}
      onClick={(e) => {
        e.stopPropagation();
        onSelect();
      }}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${label} (${field.key})`}
      data-field-key={field.key}
    >
      <div className="nj-canvas-item-head">
        <button type="button" ref={setActivatorNodeRef} className="nj-drag-handle" aria-label={`${t("moveUp")}/${t("moveDown")}`} {...listeners} {...attributes}>
          <HolderOutlined />
        </button>
        <span className="nj-canvas-label">
          {field.required === true && <span className="nj-required">*</span>}
          {label}
        </span>
        {conditional && <Tag color="blue">{t("conditionBadge")}</Tag>}
        {problems.length > 0 && (
          <Tooltip title={problems.map((p) => (locale === "en" ? p.messageEn : p.messageZh)).join("；")}>
            <Tag color="error">{problems.length}</Tag>
          </Tooltip>
        )}
      </div>
      {widget !== "group" && (
        <div className="nj-canvas-sample">
          <FieldIcon name={entry.icon} /> {widget === "static" ? textOf(field.content, locale).slice(0, 60) : textOf(field.placeholder, locale) || localized(entry.label, locale)}
        </div>
      )}
      <div className="nj-canvas-meta">
        <code>{field.key}</code>
        {typeof field.page === "string" && <Tag>{field.page}</Tag>}
      </div>
      {selected && (
        <div className="nj-canvas-tools" onClick={(e) => e.stopPropagation()}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t("moveUp")} title={t("moveUp")} disabled={index === 0} onClick={() => onMove(index - 1)} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t("moveDown")} title={t("moveDown")} disabled={index === count - 1} onClick={() => onMove(index + 1)} />
          <Button size="small" type="text" icon={<CopyOutlined />} aria-label={t("duplicate")} title={t("duplicate")} onClick={onDuplicate} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("delete")} title={t("delete")} onClick={onRemove} />
        </div>
      )}
    </div>
  );
}

export type CanvasProps = {
  ids: string[];
  fields: DraftField[];
  selectedId: string | null;
  problemsByIndex: Map<number, DesignerProblem[]>;
  /** While a palette item is dragged: the index it would be inserted at. */
  dropIndex: number | null;
  locale: Locale;
  onSelect: (id: string | null) => void;
  onMove: (from: number, to: number) => void;
  onDuplicate: (id: string) => void;
  onRemove: (id: string) => void;
};

/** The form being designed, as a 24-column grid of field cards that can be dragged into order. */
export function Canvas({ ids, fields, selectedId, problemsByIndex, dropIndex, locale, onSelect, onMove, onDuplicate, onRemove }: CanvasProps) {
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_ID });
  return (
    <div ref={setNodeRef} className={`nj-canvas${isOver ? " is-over" : ""}`} aria-label={designerText(locale, "canvas")} onClick={() => onSelect(null)}>
      <SortableContext items={ids} strategy={rectSortingStrategy}>
        <div className="nj-canvas-grid">
          {fields.map((field, i) => (
            <CanvasItem
              key={ids[i]}
              id={ids[i]}
              index={i}
              count={fields.length}
              field={field}
              selected={ids[i] === selectedId}
              problems={problemsByIndex.get(i) ?? []}
              insertBefore={dropIndex === i}
              locale={locale}
              onSelect={() => onSelect(ids[i])}
              onMove={(to) => onMove(i, to)}
              onDuplicate={() => onDuplicate(ids[i])}
              onRemove={() => onRemove(ids[i])}
            />
          ))}
        </div>
      </SortableContext>
      {fields.length === 0 && <div className="nj-canvas-empty">{designerText(locale, "emptyCanvas")}</div>}
      {dropIndex !== null && dropIndex >= fields.length && fields.length > 0 && <div className="nj-canvas-drop-end" />}
    </div>
  );
}
