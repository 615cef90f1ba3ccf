import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { consentTextHash } from "../../../../forms/consentHash";
import { validateSubmission } from "../../../../forms/validateSubmission";
import { parseFormSchema, type FormSchema } from "../../../../forms/schema";

const here = path.dirname(fileURLToPath(import.meta.url));
const json: unknown = JSON.parse(readFileSync(path.join(here, "form.json"), "utf8"));

const application = {
  name: "孙丽",
  idNumber: "11010519491231002X",
  mobile: "13900000003",
  employer: "厦门速达配送有限公司",
  industry: "transport",
  newEmploymentForm: "delivery",
  platformName: "美团",
  consent: { accepted: true, version: "2026-1" },
  photo: [],
};

function schema(): FormSchema {
  const result = parseFormSchema(json);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schema;
}

/** What is stored for the declaration: its version and the fingerprint of the text that was shown. */
const declaration = schema().fields.find((f) => f.type === "consent")!;
const storedConsent = { accepted: true, version: "2026-1", textHash: consentTextHash((declaration as { text: { zh: string; en: string } }).text) };
const stored = { ...application, consent: storedConsent };

describe("入会申请 form", () => {
  it("parses and passes every semantic check", () => {
    expect(parseFormSchema(json)).toMatchObject({ ok: true });
  });

  it("accepts a platform worker's application as is", () => {
    expect(validateSubmission(schema(), application, { locale: "zh" })).toEqual({ ok: true, data: stored });
  });

  it("requires the platform only for new forms of employment, and drops it otherwise", () => {
    expect(validateSubmission(schema(), { ...application, platformName: "" }, { locale: "zh" })).toEqual({ ok: false, errors: { platformName: "请填写平台企业" } });
    const employee = validateSubmission(schema(), { ...application, newEmploymentForm: "none" }, { locale: "zh" });
    expect(employee.ok && employee.data).toEqual({ ...stored, newEmploymentForm: "none", platformName: undefined });
    expect(employee.ok && "platformName" in employee.data).toBe(false);
  });

  it("refuses a bad 身份证号, a missing name and an unticked declaration, per field", () => {
    expect(validateSubmission(schema(), { ...application, idNumber: "110105194912310021", name: " ", consent: null }, { locale: "zh" })).toEqual({
      ok: false,
      errors: { name: "请填写姓名", idNumber: "身份证号校验位不正确", consent: "请阅读并同意入会声明" },
    });
  });

  it("records the declaration version the applicant accepted", () => {
    const result = validateSubmission(schema(), { ...application, consent: true }, { locale: "en" });
    expect(result.ok && result.data.consent).toEqual(storedConsent);
    expect(storedConsent.textHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
