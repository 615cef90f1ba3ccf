import { describe, expect, it } from "vitest";
import { buildValidator, type ValidatorOptions } from "../buildValidator";
import type { FormSchema } from "../schema";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { uploadedFileProblem, type FileLookup, type UploadFieldDef } from "./upload";

const photoField = { key: "photos", type: "upload", label: label("证件照片", "ID photos"), accept: ["image/jpeg", "image/png"], maxFiles: 2, maxSizeMb: 1 };
const schema = mustParse(form([photoField]), parseFormSchema);
const def = schema.fields[0] as UploadFieldDef;

/** Validate and report the first message per field, as the server does. */
function validateSubmission(s: FormSchema, input: unknown, options: ValidatorOptions) {
  const result = buildValidator(s, options).safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}

const a = "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f";
const b = "4f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f";
const c = "5f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f";

describe("upload field: definition", () => {
  it("parses types, count, size and camera", () => {
    expect(parseFormSchema(form([{ ...photoField, capture: "environment" }])).ok).toBe(true);
  });

  it("refuses unknown types, sizes over the cap, a camera on a PDF field and a default", () => {
    const problems = (extra: Record<string, unknown>) => {
      const result = parseFormSchema(form([{ ...photoField, ...extra }]));
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(problems({ accept: ["application/x-msdownload"] })).toEqual(["fields.0.accept.0"]);
    expect(problems({ maxSizeMb: 50 })).toEqual(["fields.0.maxSizeMb"]);
    expect(problems({ maxFiles: 0 })).toEqual(["fields.0.maxFiles"]);
    expect(problems({ accept: ["image/jpeg", "application/pdf"], capture: "environment" })).toEqual(["fields.0.capture"]);
    expect(problems({ default: [a] })).toEqual(["fields.0.default"]);
  });
});

describe("upload field: in the browser (shape only)", () => {
  const check = (value: unknown) => validateSubmission(schema, { photos: value }, { locale: "zh" });

  it("asks for an upload when a required field is empty", () => {
    const required = mustParse(form([{ ...photoField, required: true }]), parseFormSchema);
    expect(validateSubmission(required, { photos: [] }, { locale: "zh" })).toEqual({ ok: false, errors: { photos: "请上传证件照片" } });
    expect(validateSubmission(required, {}, { locale: "en" })).toEqual({ ok: false, errors: { photos: "Please upload ID photos" } });
  });

  it("keeps a list of file ids; an empty list is empty", () => {
    expect(check([a, b])).toEqual({ ok: true, data: { photos: [a, b] } });
    expect(check([])).toEqual({ ok: true, data: { photos: [] } });
  });

  it("refuses what is not a list of ids", () => {
    for (const bad of ["a.jpg", 42, { id: a }, [42], [{ id: a }], ["../../etc/passwd"], [a.toUpperCase()]]) {
      expect(check(bad)).toEqual({ ok: false, errors: { photos: "证件照片格式不正确" } });
    }
  });

  it("refuses more files than allowed before looking at them, and the same file twice", () => {
    expect(check([a, b, c])).toEqual({ ok: false, errors: { photos: "证件照片最多上传2个文件" } });
    expect(check(Array.from({ length: 10_000 }, () => a))).toEqual({ ok: false, errors: { photos: "证件照片最多上传2个文件" } });
    expect(check([a, a])).toEqual({ ok: false, errors: { photos: "证件照片中有重复的文件" } });
  });
});

describe("upload field: on the server (with the uploaded files' facts)", () => {
  const facts: Record<string, { mime: string; size: number; name: string }> = {
    [a]: { mime: "image/jpeg", size: 200_000, name: "正面.jpg" },
    [b]: { mime: "application/pdf", size: 10_000, name: "证明.pdf" },
    [c]: { mime: "image/png", size: 2 * 1024 * 1024, name: "big.png" },
  };
  const files: FileLookup = (id) => facts[id];
  const check = (value: unknown, locale: "zh" | "en" = "zh") => validateSubmission(schema, { photos: value }, { locale, files });

  it("accepts the submitter's own files of an allowed type and size", () => {
    expect(check([a])).toEqual({ ok: true, data: { photos: [a] } });
  });

  it("refuses an id the submitter may not use, as not found", () => {
    expect(check(["6f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f"])).toEqual({ ok: false, errors: { photos: "证件照片中有文件不存在或已失效，请重新上传" } });
  });

  it("refuses a file whose sniffed type or size does not fit this field", () => {
    expect(check([b])).toEqual({ ok: false, errors: { photos: "证件照片只接受 JPG/PNG 文件，“证明.pdf”的实际内容是PDF" } });
    expect(check([c], "en")).toEqual({ ok: false, errors: { photos: "ID photos: each file must be at most 1 MB; “big.png” is 2 MB" } });
  });

  it("names the real content of a program renamed as a photo, in Chinese and English", () => {
    const exe = { mime: "application/x-msdownload", ext: "exe", size: 1000, name: "照片.jpg" };
    expect(uploadedFileProblem(def, exe, "zh")).toBe("证件照片只接受 JPG/PNG 文件，“照片.jpg”的实际内容是EXE");
    expect(uploadedFileProblem(def, exe, "en")).toBe("ID photos accepts only JPG/PNG files; “照片.jpg” is really EXE");
    expect(uploadedFileProblem(def, { mime: undefined, size: 10, name: "a.jpg" }, "zh")).toContain("无法识别的类型");
    expect(uploadedFileProblem(def, { mime: "image/png", size: 0, name: "a.png" }, "zh")).toBe("证件照片：“a.png”是空文件");
  });
});
