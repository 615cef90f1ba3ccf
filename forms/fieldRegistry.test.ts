import { z } from "zod";
import { describe, expect, it } from "vitest";
import { getFieldType, listFieldTypes, registerFieldType } from "./fieldRegistry";
import { defineFieldType } from "./fieldType";
import { parseFormSchema } from "./schema";
import { validateSubmission } from "./validateSubmission";
import { form, label, mustParse } from "./testForms";

describe("field registry", () => {
  it("holds every built-in type", () => {
    expect(listFieldTypes()).toEqual(expect.arrayContaining([
      "text", "textarea", "number", "money", "date", "select", "radio", "checkbox", "switch", "idNumber",
      "mobile", "email", "creditCode", "bankCard", "static", "group", "consent", "computed",
    ]));
  });

  it("refuses a second registration of a type", () => {
    expect(() => registerFieldType(getFieldType("text")!)).toThrow(/already registered/);
  });

  it("lets a new type slot in: parsed with its own props and validated by its own zod", () => {
    registerFieldType(
      defineFieldType<{ key: string; type: string; label: { zh: string; en: string }; maxFiles?: number }>({
        type: "testUpload",
        valueKind: "stringList",
        emptyValue: [],
        props: { maxFiles: z.number().int().min(1).max(9).optional() },
        buildZod: (field, ctx) => z.array(z.string().uuid(), { error: ctx.message("wrongType") }).max(field.maxFiles ?? 9, ctx.message("tooManyChoices", { max: field.maxFiles ?? 9 })),
        hint: { widget: "input" },
      }),
    );
    expect(parseFormSchema(form([{ key: "files", type: "testUpload", label: label("附件"), maxFiles: 99 }])).ok).toBe(false);
    const schema = mustParse(form([{ key: "files", type: "testUpload", label: label("附件"), maxFiles: 1 }]), parseFormSchema);
    const id = "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f";
    expect(validateSubmission(schema, { files: [id] }, { locale: "zh" })).toEqual({ ok: true, data: { files: [id] } });
    expect(validateSubmission(schema, { files: [id, id] }, { locale: "zh" })).toEqual({ ok: false, errors: { files: "附件最多选择1项" } });
  });
});
