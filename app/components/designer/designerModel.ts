import { freshKey, newFieldDef } from "../../../forms/fieldPalette";
import type { LocalizedText } from "../../../forms/fieldDef";

/**
 * The designer's state as a pure reducer: the form being edited (which may be invalid while the
 * admin works — problems are shown, not prevented), stable ids for the fields (keys can be edited),
 * the selection, and undo/redo history. Typing into one property coalesces into one undo step.
 */
export type DraftField = { key: string; type: string; label?: LocalizedText; [prop: string]: unknown };

export type DraftForm = {
  schemaVersion: 1;
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  pages?: { id: string; title: LocalizedText }[];
  rules?: { when?: string; assert: string; message: LocalizedText }[];
  fields: DraftField[];
  [other: string]: unknown;
};

type Snapshot = { form: DraftForm; ids: string[] };

export type DesignerState = {
  past: Snapshot[];
  present: Snapshot;
  future: Snapshot[];
  selectedId: string | null;
  /** The last edit that may absorb the next one into the same undo step. */
  coalesce: { tag: string; at: number } | null;
  nextId: number;
};

export type DesignerAction =
  | { type: "add"; fieldType: string; index?: number }
  | { type: "move"; from: number; to: number }
  | { type: "duplicate"; id: string }
  | { type: "remove"; id: string }
  /** `undefined` in the patch removes a property. */
  | { type: "updateField"; id: string; patch: Record<string, unknown>; tag?: string; at?: number }
  | { type: "replaceField"; id: string; field: DraftField }
  | { type: "updateForm"; patch: Partial<DraftForm>; tag?: string; at?: number }
  | { type: "load"; form: DraftForm }
  | { type: "select"; id: string | null }
  | { type: "undo" }
  | { type: "redo" };

export const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

export function initDesigner(form: DraftForm): DesignerState {
  return { past: [], present: { form, ids: form.fields.map((_, i) => `f${i + 1}`) }, future: [], selectedId: null, coalesce: null, nextId: form.fields.length + 1 };
}

export function indexOfId(state: DesignerState, id: string | null): number {
  return id === null ? -1 : state.present.ids.indexOf(id);
}

export function selectedField(state: DesignerState): DraftField | undefined {
  return state.present.form.fields[indexOfId(state, state.selectedId)];
}

function withoutUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** Push `next` as a new step (or fold it into the previous one when the same tag is edited again quickly). */
function commit(state: DesignerState, next: Snapshot, extra: Partial<DesignerState> = {}, tag?: string, at = Date.now()): DesignerState {
  const fold = tag !== undefined && state.coalesce?.tag === tag && at - state.coalesce.at < COALESCE_MS && state.past.length > 0;
  const past = fold ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT);
  return { ...state, ...extra, past, present: next, future: [], coalesce: tag === undefined ? null : { tag, at } };
}

function keysOf(form: DraftForm): Set<string> {
  return new Set(form.fields.map((f) => f.key));
}

function insertAt<T>(list: T[], index: number, item: T): T[] {
  const copy = [...list];
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, item);
  return copy;
}

function moveItem<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

export function designerReducer(state: DesignerState, action: DesignerAction): DesignerState {
  const { form, ids } = state.present;
  switch (action.type) {
    case "add": {
      const field = newFieldDef(action.fieldType, keysOf(form)) as DraftField;
      const index = action.index ?? form.fields.length;
      const id = `f${state.nextId}`;
      return commit(state, { form: { ...form, fields: insertAt(form.fields, index, field) }, ids: insertAt(ids, index, id) }, { selectedId: id, nextId: state.nextId + 1 });
    }
    case "move": {
      const { from, to } = action;
      if (from === to || from < 0 || to < 0 || from >= ids.length || to >= ids.length) return state;
      return commit(state, { form: { ...form, fields: moveItem(form.fields, from, to) }, ids: moveItem(ids, from, to) });
    }
    case "duplicate": {
      const index = indexOfId(state, action.id);
      if (index < 0) return state;
      const original = form.fields[index];
      const copy: DraftField = { ...structuredClone(original), key: freshKey(original.key.replace(/\d+$/, ""), keysOf(form)) };
      if (original.label) copy.label = { zh: `${original.label.zh}（副本）`, en: original.label.en ? `${original.label.en} (copy)` : "" };
      const id = `f${state.nextId}`;
      return commit(state, { form: { ...form, fields: insertAt(form.fields, index + 1, copy) }, ids: insertAt(ids, index + 1, id) }, { selectedId: id, nextId: state.nextId + 1 });
    }
    case "remove": {
      const index = indexOfId(state, action.id);
      if (index < 0) return state;
      const nextIds = ids.filter((_, i) => i !== index);
      const selectedId = state.selectedId === action.id ? (nextIds[Math.min(index, nextIds.length - 1)] ?? null) : state.selectedId;
      return commit(state, { form: { ...form, fields: form.fields.filter((_, i) => i !== index) }, ids: nextIds }, { selectedId });
    }
    case "updateField": {
      const index = indexOfId(state, action.id);
      if (index < 0) return state;
      const updated = withoutUndefined({ ...form.fields[index], ...action.patch }) as DraftField;
      const fields = form.fields.map((f, i) => (i === index ? updated : f));
      return commit(state, { form: { ...form, fields }, ids }, {}, action.tag === undefined ? undefined : `${action.id}:${action.tag}`, action.at);
    }
    case "replaceField": {
      const index = indexOfId(state, action.id);
      if (index < 0) return state;
      return commit(state, { form: { ...form, fields: form.fields.map((f, i) => (i === index ? action.field : f)) }, ids });
    }
    case "updateForm": {
      const next = withoutUndefined({ ...form, ...action.patch }) as DraftForm;
      return commit(state, { form: next, ids }, {}, action.tag === undefined ? undefined : `form:${action.tag}`, action.at);
    }
    case "load": {
      const base = state.nextId;
      const loaded = { form: action.form, ids: action.form.fields.map((_, i) => `f${base + i}`) };
      return commit(state, loaded, { selectedId: null, nextId: base + action.form.fields.length });
    }
    case "select":
      return { ...state, selectedId: action.id, coalesce: null };
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return { ...state, past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future], coalesce: null, selectedId: previous.ids.includes(state.selectedId ?? "") ? state.selectedId : null };
    }
    case "redo": {
      const next = state.future[0];
      if (!next) return state;
      return { ...state, past: [...state.past, state.present], present: next, future: state.future.slice(1), coalesce: null, selectedId: next.ids.includes(state.selectedId ?? "") ? state.selectedId : null };
    }
  }
}
