import { describe, expect, it } from "vitest";
import { prefillValues } from "./prefillValues";
import type { FormSchema } from "./schema";

const schema = {
  schemaVersion: 1,
  id: "t",
  title: { zh: "t", en: "t" },
  fields: [
    { key: "room", type: "select", label: { zh: "活动室", en: "Room" }, options: [{ value: "hall", label: { zh: "大厅", en: "Hall" } }] },
    { key: "date", type: "date", label: { zh: "日期", en: "Date" } },
    { key: "people", type: "number", label: { zh: "人数", en: "People" } },
    { key: "agree", type: "checkbox", label: { zh: "同意", en: "Agree" } },
  ],
} as unknown as FormSchema;

describe("prefillValues", () => {
  it("takes text, date and number fields named in the link, and nothing else", () => {
    const params = new URLSearchParams({ room: "hall", date: "2026-06-01", people: "12", agree: "true", other: "x" });
    expect(prefillValues(schema, params)).toEqual({ room: "hall", date: "2026-06-01", people: 12 });
  });

  it("skips numbers that are not numbers and values too long to be a choice", () => {
    expect(prefillValues(schema, new URLSearchParams({ people: "many", room: "x".repeat(201) }))).toEqual({});
  });
});
