// @vitest-environment happy-dom
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFormSchema, type FormSchema } from "../../../forms/schema";
import { consentTextHash } from "../../../forms/consentHash";
import { FormRenderer } from "./FormRenderer";

// Interaction in a simulated DOM: live conditions, errors and focus, double-submit protection.
const here = path.dirname(fileURLToPath(import.meta.url));

function parsed(json: unknown): FormSchema {
  const result = parseFormSchema(json);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schema;
}

const membership = parsed(JSON.parse(readFileSync(path.join(here, "../../../plugins/core/programs/membership/form.json"), "utf8")));
const aid = parsed({
  schemaVersion: 1,
  id: "aid",
  title: { zh: "助学" },
  fields: [{ key: "amount", type: "money", label: { zh: "申请金额" }, required: true }],
});

afterEach(cleanup);
// antd in happy-dom is slow on a busy 2-core machine: wait longer than the default second.
configure({ asyncUtilTimeout: 8000 });

const filled = {
  name: "孙丽",
  idNumber: "11010519491231002x",
  mobile: "139 0000 0003",
  employer: "厦门速达配送有限公司",
  industry: "transport",
  newEmploymentForm: "delivery",
  platformName: "美团",
  consent: { accepted: true, version: "2026-1" },
};

/** A page that, like the Remix route, marks itself busy once it has sent the data. */
function Page({ onData, schema = membership, defaults }: { onData: (d: Record<string, unknown>) => void; schema?: FormSchema; defaults?: Record<string, unknown> }) {
  const [busy, setBusy] = useState(false);
  return (
    <FormRenderer
      schema={schema}
      locale="zh"
      defaultValues={defaults}
      submitting={busy}
      submitLabel="提交申请"
      onValidSubmit={(data) => {
        onData(data);
        setBusy(true);
      }}
    />
  );
}

describe("FormRenderer in the browser", () => {
  it("shows each error under its field and moves focus to the first one, without submitting", async () => {
    const onData = vi.fn();
    render(<Page onData={onData} />);
    fireEvent.click(screen.getByRole("button", { name: "提交申请" }));
    expect(await screen.findByText("请填写姓名")).toBeTruthy();
    expect(screen.getByText("请选择所属行业")).toBeTruthy();
    expect(screen.getByText("请阅读并同意入会声明")).toBeTruthy();
    const name = screen.getByLabelText("姓名");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(name.getAttribute("aria-describedby") ?? "")?.textContent).toBe("请填写姓名");
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(onData).not.toHaveBeenCalled();
  });

  it("shows the platform field live when a new form of employment is chosen, and hides it again", async () => {
    render(<Page onData={() => undefined} />);
    expect(screen.queryByLabelText("平台企业")).toBeNull();
    fireEvent.click(screen.getByLabelText("外卖送餐员"));
    expect(await screen.findByLabelText("平台企业")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("否"));
    await waitFor(() => expect(screen.queryByLabelText("平台企业")).toBeNull());
  });

  it("submits normalized data once, however often the button is pressed", async () => {
    const onData = vi.fn();
    render(<Page onData={onData} defaults={filled} />);
    const button = screen.getByRole("button", { name: "提交申请" });
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await waitFor(() => expect(onData).toHaveBeenCalledTimes(1));
    fireEvent.click(button);
    expect(onData).toHaveBeenCalledTimes(1);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    const consent = membership.fields.find((f) => f.type === "consent") as { text: { zh: string; en: string } };
    expect(onData.mock.calls[0][0]).toEqual({
      ...filled, idNumber: "11010519491231002X", mobile: "13900000003", photo: [],
      consent: { accepted: true, version: "2026-1", textHash: consentTextHash(consent.text) },
    });
  });

  it("writes the amount in words live under a money field", async () => {
    render(<Page onData={() => undefined} schema={aid} />);
    const amount = screen.getByLabelText("申请金额");
    fireEvent.change(amount, { target: { value: "1004.07" } });
    expect(await screen.findByText(/壹仟零肆元零柒分/)).toBeTruthy();
  });

  it("clears a rule's message on a computed field once the input it is computed from is fixed", async () => {
    const camp = parsed({
      schemaVersion: 1,
      id: "camp",
      title: { zh: "暑托班" },
      fields: [
        { key: "birthYear", type: "number", label: { zh: "出生年份" }, required: true, integer: true },
        { key: "age", type: "computed", label: { zh: "年龄" }, expression: "2026 - birthYear", format: "number" },
      ],
      rules: [{ when: "age != null", assert: "age >= 6", message: { zh: "托管班只接收6至14周岁的孩子" } }],
    });
    const onData = vi.fn();
    render(<Page onData={onData} schema={camp} />);
    fireEvent.change(screen.getByLabelText("出生年份"), { target: { value: "2023" } });
    fireEvent.click(screen.getByRole("button", { name: "提交申请" }));
    expect(await screen.findByText("托管班只接收6至14周岁的孩子")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("出生年份"), { target: { value: "2016" } });
    await waitFor(() => expect(screen.queryByText("托管班只接收6至14周岁的孩子")).toBeNull());
    expect(onData).not.toHaveBeenCalled();
  });

  it("shows server errors under their fields", async () => {
    render(<FormRenderer schema={membership} locale="zh" defaultValues={filled} serverErrors={{ idNumber: "该身份证号已入会" }} onValidSubmit={() => undefined} />);
    expect(await screen.findByText("该身份证号已入会")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("身份证号")));
  });
});
