import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseFormSchema, type FormSchema } from "../../../forms/schema";
import { FormRenderer, type FormRendererProps } from "./FormRenderer";
import { FormView } from "./FormView";

// The renderer is server-rendered by Remix: these tests run in plain Node, with no window or document.
const here = path.dirname(fileURLToPath(import.meta.url));
const membershipJson: unknown = JSON.parse(readFileSync(path.join(here, "../../../plugins/core/programs/membership/form.json"), "utf8"));

function parsed(json: unknown): FormSchema {
  const result = parseFormSchema(json);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schema;
}

const membership = parsed(membershipJson);
const aid = parsed({
  schemaVersion: 1,
  id: "aid",
  title: { zh: "助学", en: "Tuition aid" },
  fields: [
    { key: "amount", type: "money", label: { zh: "申请金额", en: "Amount" }, required: true },
    { key: "kids", type: "number", label: { zh: "子女数", en: "Children" } },
    { key: "perChild", type: "computed", label: { zh: "每人", en: "Per child" }, expression: "amount / kids", format: "money" },
  ],
});

function render(props: Partial<FormRendererProps> & { schema: FormSchema }): string {
  return renderToString(<FormRenderer locale="zh" onValidSubmit={() => undefined} {...props} />);
}

/** `for` of the label whose text is `text`, and whether an element has that id. */
function labelTarget(html: string, text: string): { htmlFor: string; hasControl: boolean } {
  const match = new RegExp(`<label[^>]*for="([^"]+)"[^>]*>(?:(?!</label>).)*${text}`).exec(html);
  const htmlFor = match?.[1] ?? "";
  return { htmlFor, hasControl: htmlFor !== "" && new RegExp(`<(input|textarea)[^>]*id="${htmlFor.replace(/[:]/g, "\\:")}"`).test(html) };
}

describe("FormRenderer (server-rendered)", () => {
  it("ties each label to its input", () => {
    const html = render({ schema: membership });
    for (const text of ["姓名", "身份证号", "手机号", "工作单位"]) expect(labelTarget(html, text), text).toMatchObject({ hasControl: true });
  });

  it("gives phones the right keyboard and a large submit button", () => {
    const html = render({ schema: membership, submitLabel: "提交申请" });
    expect(html).toMatch(/<input[^>]*inputMode="tel"|<input[^>]*inputmode="tel"/i);
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*style="min-height:44px"[^>]*>.*提交申请/);
  });

  it("disables the submit button while submitting", () => {
    expect(render({ schema: membership, submitting: true })).toMatch(/<button[^>]*type="submit"[^>]*disabled/);
    expect(render({ schema: membership })).not.toMatch(/<button[^>]*type="submit"[^>]*disabled/);
  });

  it("shows the platform only for new forms of employment", () => {
    expect(render({ schema: membership })).not.toContain("平台企业");
    expect(render({ schema: membership, defaultValues: { newEmploymentForm: "none" } })).not.toContain("平台企业");
    expect(render({ schema: membership, defaultValues: { newEmploymentForm: "delivery" } })).toContain("平台企业");
  });

  it("shows the declaration text and its checkbox", () => {
    const html = render({ schema: membership });
    expect(html).toContain("承认《中国工会章程》");
    expect(html).toContain("我已阅读并同意入会声明");
  });

  it("writes an amount in words under a money field, and shows computed values", () => {
    const html = render({ schema: aid, defaultValues: { amount: 1234.5, kids: 2 } });
    expect(html).toContain("壹仟贰佰叁拾肆元伍角整");
    expect(html).toContain("¥617.25");
  });

  it("shows server errors under their fields, and form-level ones on top", () => {
    const html = render({ schema: membership, serverErrors: { _form: "该申请已提交过", ghost: "隐藏字段有误" } });
    expect(html).toContain("该申请已提交过");
    expect(html).toContain("隐藏字段有误");
  });

  it("honours permissions and read-only mode", () => {
    const html = render({ schema: membership, fieldPermissions: { idNumber: "hidden", mobile: "readonly" }, defaultValues: { mobile: "13900000003" } });
    expect(html).not.toContain("身份证号");
    expect(html).toMatch(/<input[^>]*disabled[^>]*value="13900000003"|<input[^>]*value="13900000003"[^>]*disabled/);
    expect(render({ schema: membership, readOnly: true })).not.toMatch(/type="submit"/);
  });

  it("renders in English", () => {
    const html = render({ schema: membership, locale: "en" });
    expect(html).toContain("Full name");
    expect(html).toContain("Submit");
  });
});

describe("FormView", () => {
  const data = {
    name: "孙丽",
    idNumber: "11010519491231002X",
    mobile: "13900000003",
    employer: "厦门速达配送有限公司",
    industry: "transport",
    newEmploymentForm: "none",
    consent: { accepted: true, version: "2026-1" },
  };

  it("shows labels and readable values, leaving out fields that were hidden", () => {
    const html = renderToString(<FormView schema={membership} data={data} locale="zh" />);
    expect(html).toContain("交通运输、仓储和邮政业");
    expect(html).toContain("已同意（版本 2026-1）");
    expect(html).not.toContain("平台企业");
  });

  it("leaves out fields a viewer may not see", () => {
    const html = renderToString(<FormView schema={membership} data={data} locale="en" fieldPermissions={{ idNumber: "hidden" }} />);
    expect(html).not.toContain("11010519491231002X");
    expect(html).toContain("Transport, storage and postal services");
  });

  it("renders the first screens of a long form on the server, and no submit button until the rest is shown in the browser", () => {
    const long = parsed({
      schemaVersion: 1,
      id: "long",
      title: { zh: "长表", en: "Long" },
      fields: Array.from({ length: 60 }, (_, i) => ({ key: `f${i}`, type: "text", label: { zh: `第${i + 1}项`, en: `Item ${i + 1}` } })),
    });
    const html = renderToString(<FormRenderer schema={long} locale="zh" submitLabel="提交申请" onValidSubmit={() => undefined} />);
    expect(html).toContain("第24项");
    expect(html).not.toContain("第25项");
    expect(html).not.toContain("提交申请");
    expect(html).toContain("正在显示其余项目");
  });
});
