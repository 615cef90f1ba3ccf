import { useDraggable } from "@dnd-kit/core";
import { Typography } from "antd";
import { listPalette, PALETTE_GROUPS, type PaletteEntry } from "../../../forms/fieldPalette";
import { localized, type Locale } from "../../../forms/messages";
import { designerText } from "./designerText";
import { FieldIcon } from "./fieldIcons";

export const PALETTE_PREFIX = "palette:";

function PaletteItem({ type, entry, locale, onAdd }: { type: string; entry: PaletteEntry; locale: Locale; onAdd: (type: string) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${type}`, data: { fieldType: type } });
  const label = localized(entry.label, locale);
  // Pointer drags only: Enter and Space keep their button meaning (append the field).
  const { onKeyDown: _keyboardDrag, ...pointerListeners } = listeners ?? {};
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={`nj-palette-item${isDragging ? " is-dragging" : ""}`}
      data-field-type={type}
      title={label}
      {...pointerListeners}
      {...attributes}
      onClick={() => onAdd(type)}
    >
      <FieldIcon name={entry.icon} />
      <span>{label}</span>
    </button>
  );
}

/** Every registered field type, grouped by kind; drag one onto the canvas or click to append it. */
export function Palette({ locale, onAdd }: { locale: Locale; onAdd: (type: string) => void }) {
  const items = listPalette();
  return (
    <div className="nj-palette" aria-label={designerText(locale, "palette")}>
      <Typography.Text type="secondary" className="nj-palette-hint">
        {designerText(locale, "paletteHint")}
      </Typography.Text>
      {PALETTE_GROUPS.map((group) => {
        const inGroup = items.filter((i) => i.entry.group === group.id);
        if (inGroup.length === 0) return null;
        return (
          <section key={group.id} className="nj-palette-group" aria-label={localized(group.label, locale)}>
            <div className="nj-palette-group-title">{localized(group.label, locale)}</div>
            <div className="nj-palette-items">
              {inGroup.map(({ type, entry }) => (
                <PaletteItem key={type} type={type} entry={entry} locale={locale} onAdd={onAdd} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
