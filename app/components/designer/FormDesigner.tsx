import { DownloadOutlined, RedoOutlined, SaveOutlined, UndoOutlined, UploadOutlined } from "@ant-design/icons";
import {
  closestCenter, DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors,
  type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { Alert, Badge, Button, Segmented, Space, Tabs, Tooltip, Typography } from "antd";
import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { paletteEntryOf } from "../../../forms/fieldPalette";
import { getFieldType } from "../../../forms/fieldRegistry";
import { localized, type Locale } from "../../../forms/messages";
import type { FormSchema } from "../../../forms/schema";
import { Canvas, CANVAS_ID } from "./Canvas";
import { designerReducer, indexOfId, initDesigner, selectedField, type DraftField, type DraftForm } from "./designerModel";
import { designerText, type DesignerTextKey } from "./designerText";
import type { FeelVariable } from "./FeelInput";
import { FieldAccessPanel, pruneAccess, type AccessMatrix, type FlowUserTask } from "./FieldAccessPanel";
import { FormSettings } from "./FormSettings";
import { ImportDialog, downloadJson } from "./ImportDialog";
import { Palette, PALETTE_PREFIX } from "./Palette";
import { PreviewPane, type PreviewWidth } from "./PreviewPane";
import { checkDraftForm, type DesignerProblem } from "./problems";
import { PropertiesPanel } from "./PropertiesPanel";

export type SaveOutcome = { ok: true; version: number; created: boolean } | { ok: false; problems: DesignerProblem[] | { path: string; code: string; messageZh: string; messageEn: string }[]; message?: string };

export type FormDesignerProps = {
  initialForm: FormSchema;
  locale: Locale;
  /** The version the designer opened: a draft, or the published version a save would copy. */
  version: { version: number; status: string };
  userTasks: FlowUserTask[];
  initialAccess: AccessMatrix;
  saving: boolean;
  /** The answer to the last save, once it arrives. */
  saveOutcome: SaveOutcome | undefined;
  /** `access` is sent only when the field permissions changed since they were loaded or last saved. */
  onSave: (form: DraftForm, access: AccessMatrix | undefined) => void;
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"));
}

/** Items under the pointer win (a field card before the canvas behind it); otherwise the nearest item. */
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const item = within.find((c) => c.id !== CANVAS_ID);
  if (item) return [item];
  if (within.length > 0) return within;
  return closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => c.id !== CANVAS_ID) });
};

/**
 * What condition feedback evaluates against: the preview's values as typed, null for the rest.
 * (Cheap on purpose: it runs after edits; the preview itself applies hiding and computation.)
 */
function feelContextOf(fields: DraftField[], values: Record<string, unknown>): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const f of fields) {
    const kind = getFieldType(f.type)?.valueKind ?? "none";
    if (kind !== "none") context[f.key] = Object.prototype.hasOwnProperty.call(values, f.key) ? values[f.key] : null;
  }
  return context;
}

/**
 * The visual form designer: palette, canvas, properties, form settings, per-node field access,
 * problems, live preview, JSON import/export, undo/redo and save. The form may be invalid while it
 * is being edited; it is checked on every change exactly as saving and publishing check it.
 */
export function FormDesigner({ initialForm, locale, version, userTasks, initialAccess, saving, saveOutcome, onSave }: FormDesignerProps) {
  const t = (k: DesignerTextKey, p?: Record<string, string | number>) => designerText(locale, k, p);
  const [state, dispatch] = useReducer(designerReducer, initialForm as unknown as DraftForm, initDesigner);
  const form = state.present.form;
  const [mode, setMode] = useState<"design" | "preview">("design");
  const [previewWidth, setPreviewWidth] = useState<PreviewWidth>("phone");
  const [previewValues, setPreviewValues] = useState<Record<string, unknown>>({});
  const [importOpen, setImportOpen] = useState(false);
  const [sideTab, setSideTab] = useState("field");
  const [access, setAccess] = useState<AccessMatrix>(initialAccess);
  const [dragType, setDragType] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);

  // Dirty tracking against what the server last accepted.
  const snapshot = (f: DraftForm, a: AccessMatrix) => JSON.stringify([f, a]);
  const [savedSnapshot, setSavedSnapshot] = useState(() => snapshot(initialForm as unknown as DraftForm, initialAccess));
  const pending = useRef<string | null>(null);
  const dirty = snapshot(form, access) !== savedSnapshot;
  useEffect(() => {
    if (saveOutcome?.ok && pending.current) setSavedSnapshot(pending.current);
    pending.current = null;
  }, [saveOutcome]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = t("leaveUnsaved");
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  });

  const deferredForm = useDeferredValue(form);
  const check = useMemo(() => checkDraftForm(deferredForm), [deferredForm]);
  const lastValid = useRef<FormSchema>(initialForm);
  if (check.schema) lastValid.current = check.schema;
  const problemsByIndex = useMemo(() => {
    const map = new Map<number, DesignerProblem[]>();
    for (const p of check.problems) if (p.fieldIndex !== null) map.set(p.fieldIndex, [...(map.get(p.fieldIndex) ?? []), p]);
    return map;
  }, [check]);

  const feelVariables = useMemo<FeelVariable[]>(
    () =>
      form.fields
        .filter((f) => (getFieldType(f.type)?.valueKind ?? "none") !== "none")
        .map((f) => ({ name: f.key, detail: f.label ? localized({ zh: f.label.zh ?? "", en: f.label.en ?? "" }, locale) : undefined })),
    [form.fields, locale],
  );
  const feelContext = useMemo(() => feelContextOf(form.fields, previewValues), [form.fields, previewValues]);
  const onPreviewValues = useCallback((next: Record<string, unknown>) => {
    setPreviewValues((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, []);

  const save = useCallback(() => {
    pending.current = snapshot(form, access);
    const accessSaved = JSON.parse(savedSnapshot)[1] as AccessMatrix;
    const changed = JSON.stringify(access) !== JSON.stringify(accessSaved);
    onSave(form, changed ? pruneAccess(access, form.fields) : undefined);
  }, [form, access, onSave, savedSnapshot]);

  // Keyboard: undo/redo everywhere but inside text boxes (which undo their own typing), save, delete.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === "s") {
        e.preventDefault();
        if (!saving) save();
        return;
      }
      if (isTyping(e.target)) return;
      if (mod && key === "z") {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? "redo" : "undo" });
      } else if (mod && key === "y") {
        e.preventDefault();
        dispatch({ type: "redo" });
      } else if ((e.key === "Delete" || e.key === "Backspace") && state.selectedId && mode === "design" && !(e.target as HTMLElement | null)?.isContentEditable) {
        e.preventDefault();
        dispatch({ type: "remove", id: state.selectedId });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save, saving, state.selectedId, mode]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  /** Where a palette item lands: before the card under it, or after it when over its lower or right part. */
  const dropIndexFor = (e: DragOverEvent | DragEndEvent): number | null => {
    const over = e.over;
    if (!over) return null;
    if (over.id === CANVAS_ID) return form.fields.length;
    const i = indexOfId(state, String(over.id));
    if (i < 0) return null;
    const dragged = e.active.rect.current.translated;
    if (!dragged) return i;
    const cx = dragged.left + dragged.width / 2;
    const cy = dragged.top + dragged.height / 2;
    const midX = over.rect.left + over.rect.width / 2;
    const midY = over.rect.top + over.rect.height / 2;
    const after = cy > midY + over.rect.height / 4 || (Math.abs(cy - midY) <= over.rect.height / 4 && cx > midX);
    return after ? i + 1 : i;
  };
  const onDragStart = (e: DragStartEvent) => {
    const type = (e.active.data.current as { fieldType?: string } | undefined)?.fieldType;
    setDragType(type ?? null);
  };
  const onDragOver = (e: DragOverEvent) => {
    if (String(e.active.id).startsWith(PALETTE_PREFIX)) setDropIndex(dropIndexFor(e));
  };
  const onDragEnd = (e: DragEndEvent) => {
    const activeId = String(e.active.id);
    setDragType(null);
    setDropIndex(null);
    if (activeId.startsWith(PALETTE_PREFIX)) {
      const index = dropIndexFor(e);
      if (index !== null) dispatch({ type: "add", fieldType: activeId.slice(PALETTE_PREFIX.length), index });
      return;
    }
    if (!e.over || e.over.id === CANVAS_ID) return;
    dispatch({ type: "move", from: indexOfId(state, activeId), to: indexOfId(state, String(e.over.id)) });
  };

  const field = selectedField(state);
  const selectedIndex = indexOfId(state, state.selectedId);
  const patchField = (patch: Record<string, unknown>, tag?: string) => state.selectedId && dispatch({ type: "updateField", id: state.selectedId, patch, tag, at: Date.now() });
  const selectField = (id: string | null) => {
    dispatch({ type: "select", id });
    if (id) setSideTab("field");
  };

  const outcomeText = saveOutcome?.ok
    ? t(saveOutcome.created ? "savedNewDraft" : "saved", { version: saveOutcome.version })
    : saveOutcome
      ? (saveOutcome.message ?? t("saveRefused"))
      : null;
  const serverProblems = saveOutcome && !saveOutcome.ok ? saveOutcome.problems : [];
  const editingDraft = version.status === "draft" || saveOutcome?.ok;
  const draftNumber = saveOutcome?.ok ? saveOutcome.version : version.version;

  const problemList = (
    <div data-testid="designer-problems">
      {check.problems.length === 0 ? (
        <Typography.Text type="success">{t("noProblems")}</Typography.Text>
      ) : (
        <ul className="nj-problem-list">
          {check.problems.map((p, i) => {
            const id = p.fieldIndex !== null ? state.present.ids[p.fieldIndex] : null;
            return (
              <li key={i}>
                <Button type="link" size="small" style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }} onClick={() => (id ? selectField(id) : setSideTab("form"))}>
                  <code>{p.path || "/"}</code>
                </Button>{" "}
                {locale === "en" ? p.messageEn : p.messageZh}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );

  return (
    <div className="nj-designer">
      <div className="nj-designer-toolbar">
        <Space wrap size={[8, 8]}>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as "design" | "preview")}
            options={[
              { value: "design", label: t("design") },
              { value: "preview", label: t("preview") },
            ]}
          />
          <Tooltip title={`${t("undo")} (Ctrl+Z)`}>
            <Button icon={<UndoOutlined />} onClick={() => dispatch({ type: "undo" })} disabled={state.past.length === 0} aria-label={t("undo")} />
          </Tooltip>
          <Tooltip title={`${t("redo")} (Ctrl+Shift+Z)`}>
            <Button icon={<RedoOutlined />} onClick={() => dispatch({ type: "redo" })} disabled={state.future.length === 0} aria-label={t("redo")} />
          </Tooltip>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            {t("importJson")}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => downloadJson(form)}>
            {t("exportJson")}
          </Button>
        </Space>
        <Space wrap size={[8, 8]} className="nj-designer-save">
          <Badge count={check.problems.length} size="small" offset={[-4, 4]}>
            <Button type="text" onClick={() => { setMode("design"); setSideTab("problems"); }}>
              {t("problems")}
            </Button>
          </Badge>
          {dirty && <Typography.Text type="warning">{t("unsaved")}</Typography.Text>}
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save}>
            {t("saveDraft")}
          </Button>
        </Space>
      </div>
      <Alert
        className="nj-designer-banner"
        type={editingDraft ? "info" : "warning"}
        showIcon
        message={editingDraft ? t("editingDraft", { version: draftNumber }) : t("editingPublished", { version: version.version })}
      />
      {outcomeText && (
        <Alert
          className="nj-designer-banner"
          type={saveOutcome?.ok ? "success" : "error"}
          showIcon
          role={saveOutcome?.ok ? "status" : "alert"}
          message={outcomeText}
          description={
            serverProblems.length > 0 ? (
              <ul className="nj-problem-list">
                {serverProblems.slice(0, 20).map((p, i) => (
                  <li key={i}>
                    <code>{p.path}</code> {locale === "en" ? p.messageEn : p.messageZh}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {mode === "design" ? (
        <DndContext id="nj-designer-dnd" sensors={sensors} collisionDetection={collisionDetection} onDragStart={onDragStart} onDragOver={onDragOver} onDragEnd={onDragEnd} onDragCancel={() => { setDragType(null); setDropIndex(null); }}>
          <div className="nj-designer-body">
            <aside className="nj-designer-palette">
              <Palette locale={locale} onAdd={(type) => dispatch({ type: "add", fieldType: type, index: selectedIndex >= 0 ? selectedIndex + 1 : undefined })} />
            </aside>
            <section className="nj-designer-canvas">
              <div className="nj-canvas-title">
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {form.title ? localized({ zh: form.title.zh ?? "", en: form.title.en ?? "" }, locale) : ""}
                </Typography.Title>
                <Typography.Text type="secondary">{t("fieldCountLabel", { n: form.fields.length })}</Typography.Text>
              </div>
              <Canvas
                ids={state.present.ids}
                fields={form.fields}
                selectedId={state.selectedId}
                problemsByIndex={problemsByIndex}
                dropIndex={dropIndex}
                locale={locale}
                onSelect={selectField}
                onMove={(from, to) => dispatch({ type: "move", from, to })}
                onDuplicate={(id) => dispatch({ type: "duplicate", id })}
                onRemove={(id) => dispatch({ type: "remove", id })}
              />
              <Typography.Paragraph type="secondary" className="nj-shortcuts">
                {t("shortcuts")}
              </Typography.Paragraph>
            </section>
            <aside className="nj-designer-side">
              <Tabs
                activeKey={sideTab}
                onChange={setSideTab}
                size="small"
                items={[
                  {
                    key: "field",
                    label: t("properties"),
                    children: field ? (
                      <PropertiesPanel
                        key={state.selectedId}
                        field={field}
                        locale={locale}
                        problems={problemsByIndex.get(selectedIndex) ?? []}
                        pages={Array.isArray(form.pages) ? form.pages : []}
                        feelVariables={feelVariables}
                        feelContext={feelContext}
                        onPatch={patchField}
                        onReplace={(f: DraftField) => state.selectedId && dispatch({ type: "replaceField", id: state.selectedId, field: f })}
                      />
                    ) : (
                      <Typography.Text type="secondary">{t("selectAField")}</Typography.Text>
                    ),
                  },
                  {
                    key: "form",
                    label: t("formSettings"),
                    children: <FormSettings form={form} locale={locale} problems={check.problems} feelVariables={feelVariables} feelContext={feelContext} onPatch={(patch, tag) => dispatch({ type: "updateForm", patch, tag, at: Date.now() })} />,
                  },
                  {
                    key: "access",
                    label: t("fieldAccess"),
                    children: <FieldAccessPanel fields={form.fields} userTasks={userTasks} access={access} onChange={setAccess} locale={locale} />,
                  },
                  { key: "problems", label: `${t("problems")} (${check.problems.length})`, children: problemList },
                ]}
              />
            </aside>
          </div>
          <DragOverlay dropAnimation={null}>
            {dragType ? <div className="nj-palette-item is-overlay">{localized(paletteEntryOf(dragType).label, locale)}</div> : null}
          </DragOverlay>
        </DndContext>
      ) : (
        <PreviewPane schema={check.schema ?? lastValid.current} stale={!check.schema} locale={locale} width={previewWidth} onWidthChange={setPreviewWidth} values={previewValues} onValuesChange={onPreviewValues} />
      )}
      <ImportDialog open={importOpen} locale={locale} onClose={() => setImportOpen(false)} onImport={(f) => dispatch({ type: "load", form: f })} />
    </div>
  );
}
