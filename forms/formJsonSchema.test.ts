import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listFieldTypes } from "./fieldRegistry";
import { formJsonSchema } from "./formJsonSchema";

const committed = path.join(path.dirname(fileURLToPath(import.meta.url)), "../docs/form-schema.json");

describe("docs/form-schema.json", () => {
  it("is what the zod meta-schema generates today (run `npm run docs:form-schema` after changing a field type)", () => {
    expect(readFileSync(committed, "utf8")).toBe(`${JSON.stringify(formJsonSchema(), null, 2)}\n`);
  });

  it("describes every registered field type, picked by its `type`, with no unknown properties", () => {
    const schema = formJsonSchema() as { $defs: Record<string, { properties: { type: { const: string } }; additionalProperties: boolean }> };
    for (const type of listFieldTypes()) {
      const def = schema.$defs[`field_${type}`];
      expect(def?.properties.type.const, type).toBe(type);
      expect(def.additionalProperties, type).toBe(false);
    }
  });
});
