// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFormSchema } from "../../../forms/schema";
import { label, mustParse } from "../../../forms/testForms";
import { FormRenderer } from "./FormRenderer";

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

// 60 text fields, the last one required, and a count that reads the first field.
const schema = mustParse(
  {
    schemaVersion: 1,
    id: "long",
    title: label("长表"),
    fields: [
      ...Array.from({ length: 60 }, (_, i) => ({ key: `f${i}`, type: "text", label: label(`第${i + 1}项`), required: i === 59 })),
      { key: "len", type: "computed", label: label("第1项字数"), expression: "string length(f0)" },
    ],
  },
  parseFormSchema,
);

describe("a long form", () => {
  it("shows the rest of its fields after the first screens, and then its submit button", async () => {
    render(<FormRenderer schema={schema} locale="zh" submitLabel="提交申请" onValidSubmit={() => undefined} />);
    expect(await screen.findByLabelText("第60项")).toBeTruthy();
    expect(screen.getByLabelText("第1项字数")).toBeTruthy();
    expect(screen.getByRole("button", { name: "提交申请" })).toBeTruthy();
  });

  it("keeps computed fields current, and takes the reader to an error on a field further down", async () => {
    const onValid = vi.fn();
    render(<FormRenderer schema={schema} locale="zh" submitLabel="提交申请" onValidSubmit={onValid} />);
    fireEvent.change(await screen.findByLabelText("第1项"), { target: { value: "孙丽" } });
    await waitFor(() => expect((screen.getByLabelText("第1项字数") as HTMLInputElement).value).toBe("2"));
    fireEvent.click(await screen.findByRole("button", { name: "提交申请" }));
    expect(await screen.findByText("请填写第60项")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("第60项")));
    expect(onValid).not.toHaveBeenCalled();
  });

  it("shows a server error on a field beyond the first screens at once", async () => {
    render(<FormRenderer schema={schema} locale="zh" onValidSubmit={() => undefined} serverErrors={{ f50: "与身份证信息不符" }} />);
    expect(await screen.findByText("与身份证信息不符")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("第51项")));
  });
});
