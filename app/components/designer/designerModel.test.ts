import { describe, expect, it } from "vitest";
import { parseFormSchema } from "../../../forms/schema";
import { designerReducer, initDesigner, selectedField, type DesignerAction, type DesignerState, type DraftForm } from "./designerModel";

const base: DraftForm = {
  schemaVersion: 1,
  id: "t",
  title: { zh: "测试", en: "Test" },
  fields: [
    { key: "name", type: "text", label: { zh: "姓名", en: "Name" } },
    { key: "age", type: "number", label: { zh: "年龄", en: "Age" } },
  ],
};

const run = (actions: DesignerAction[], state: DesignerState = initDesigner(base)) => actions.reduce(designerReducer, state);
const keys = (s: DesignerState) => s.present.form.fields.map((f) => f.key);

describe("designer model", () => {
  it("adds a field from the palette with a fresh key and selects it; the form stays valid", () => {
    const s = run([{ type: "add", fieldType: "text" }, { type: "add", fieldType: "select", index: 0 }]);
    expect(keys(s)).toEqual(["select1", "name", "age", "text1"]);
    expect(selectedField(s)?.key).toBe("select1");
    expect(parseFormSchema(s.present.form).ok).toBe(true);
  });

  it("moves, duplicates and removes by stable id", () => {
    let s = run([{ type: "move", from: 0, to: 1 }]);
    expect(keys(s)).toEqual(["age", "name"]);
    const nameId = s.present.ids[1];
    s = run([{ type: "duplicate", id: nameId }], s);
    expect(keys(s)).toEqual(["age", "name", "name1"]);
    expect(selectedField(s)?.label).toEqual({ zh: "姓名（副本）", en: "Name (copy)" });
    s = run([{ type: "remove", id: s.selectedId! }], s);
    expect(keys(s)).toEqual(["age", "name"]);
    expect(selectedField(s)?.key).toBe("name");
  });

  it("folds quick edits of one property into one undo step, but not edits of different properties", () => {
    const id = initDesigner(base).present.ids[0];
    const s = run([
      { type: "updateField", id, patch: { label: { zh: "姓", en: "" } }, tag: "label", at: 1000 },
      { type: "updateField", id, patch: { label: { zh: "姓名全称", en: "" } }, tag: "label", at: 1500 },
      { type: "updateField", id, patch: { key: "fullName" }, tag: "key", at: 1600 },
    ]);
    expect(s.past).toHaveLength(2);
    const undone = run([{ type: "undo" }], s);
    expect(undone.present.form.fields[0]).toMatchObject({ key: "name", label: { zh: "姓名全称" } });
    const undoneTwice = run([{ type: "undo" }], undone);
    expect(undoneTwice.present.form.fields[0].label?.zh).toBe("姓名");
    const redone = run([{ type: "redo" }, { type: "redo" }], undoneTwice);
    expect(redone.present.form.fields[0]).toMatchObject({ key: "fullName", label: { zh: "姓名全称" } });
    expect(run([{ type: "redo" }], redone)).toBe(redone);
  });

  it("removes a property patched to undefined", () => {
    const id = initDesigner(base).present.ids[0];
    const s = run([{ type: "updateField", id, patch: { required: true } }, { type: "updateField", id, patch: { required: undefined } }]);
    expect("required" in s.present.form.fields[0]).toBe(false);
  });

  it("a new edit clears redo; an import can be undone", () => {
    const imported: DraftForm = { ...base, fields: [{ key: "x", type: "switch", label: { zh: "X", en: "" } }] };
    let s = run([{ type: "load", form: imported }]);
    expect(keys(s)).toEqual(["x"]);
    s = run([{ type: "undo" }], s);
    expect(keys(s)).toEqual(["name", "age"]);
    s = run([{ type: "add", fieldType: "date" }], s);
    expect(s.future).toHaveLength(0);
  });
});
