import { describe, expect, it } from "vitest";
import { listFieldTypes } from "./fieldRegistry";
import { freshKey, listPalette, newFieldDef, paletteEntryOf, PALETTE_GROUPS } from "./fieldPalette";
import { parseFormSchema } from "./schema";

describe("field palette", () => {
  it("offers every registered field type, each in a known group", () => {
    const offered = listPalette().map((p) => p.type);
    expect(new Set(offered)).toEqual(new Set(listFieldTypes()));
    const groups = new Set(PALETTE_GROUPS.map((g) => g.id));
    for (const { entry } of listPalette()) expect(groups.has(entry.group)).toBe(true);
  });

  it("a type nobody described appears under 其他 by its name", () => {
    expect(paletteEntryOf("nosuchType")).toMatchObject({ group: "other", label: { zh: "nosuchType" } });
  });

  it("a freshly dropped field of every type makes a valid form", () => {
    for (const type of listFieldTypes()) {
      const field = newFieldDef(type, new Set());
      const result = parseFormSchema({ schemaVersion: 1, id: "t", title: { zh: "测试", en: "" }, fields: [field] });
      expect(result.ok ? [] : result.problems, type).toEqual([]);
    }
  });

  it("gives keys that are not taken and that FEEL can read", () => {
    expect(freshKey("text", new Set(["text1", "text2"]))).toBe("text3");
    expect(freshKey("9-odd", new Set())).toBe("odd1");
    expect(freshKey("-", new Set())).toBe("field1");
  });
});
