// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFormSchema } from "../../../forms/schema";
import { label, mustParse } from "../../../forms/testForms";
import { consentTextHash } from "../../../forms/consentHash";
import { FormRenderer } from "./FormRenderer";

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

const parsed = (json: unknown) => mustParse(json, parseFormSchema);
const schema = parsed({
  schemaVersion: 1,
  id: "aid",
  title: label("金秋助学"),
  pages: [{ id: "who", title: label("申请人") }, { id: "child", title: label("子女") }, { id: "extra", title: label("补充") }, { id: "done", title: label("确认") }],
  fields: [
    { key: "name", type: "text", label: label("姓名"), required: true, page: "who" },
    { key: "hasChild", type: "switch", label: label("有子女在读"), page: "who" },
    { key: "school", type: "text", label: label("学校"), required: true, page: "child" },
    { key: "note", type: "text", label: label("补充说明"), page: "extra", hiddenIf: "hasChild = false" },
    { key: "agree", type: "consent", label: label("承诺"), text: label("所填属实"), version: "1", page: "done" },
  ],
});

describe("multi-page (分步) forms", () => {
  it("validates only the current page on 下一步, skips a page whose fields are all hidden, goes back, and submits the whole form", async () => {
    const onValid = vi.fn();
    render(<FormRenderer schema={schema} locale="zh" submitLabel="提交申请" onValidSubmit={onValid} />);
    expect(screen.getByRole("navigation", { name: "第1步，共3步" })).toBeTruthy();
    expect(screen.queryByLabelText("学校")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "下一步" }));
    expect(await screen.findByText("请填写姓名")).toBeTruthy();
    expect(screen.queryByText("请填写学校")).toBeNull(); // the next page is not judged yet
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("姓名")));

    fireEvent.change(screen.getByLabelText("姓名"), { target: { value: "孙丽" } });
    fireEvent.click(screen.getByRole("button", { name: "下一步" }));
    const school = await screen.findByLabelText("学校");
    expect(screen.getByRole("navigation", { name: "第2步，共3步" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "上一步" }));
    expect(((await screen.findByLabelText("姓名")) as HTMLInputElement).value).toBe("孙丽"); // values survive turning pages
    fireEvent.click(screen.getByRole("button", { name: "下一步" }));
    fireEvent.change(await screen.findByLabelText("学校"), { target: { value: "湖里实验小学" } });
    expect(school).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "下一步" }));
    // 补充 is hidden (hasChild is off), so 确认 comes next and is the last page.
    await screen.findByText("我已阅读并同意承诺");
    expect(screen.getByRole("navigation", { name: "第3步，共3步" })).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox"));
    fireEvent.click(screen.getByRole("button", { name: /提交申请/ }));
    await waitFor(() => expect(onValid).toHaveBeenCalledWith({ name: "孙丽", hasChild: false, school: "湖里实验小学", agree: { accepted: true, version: "1", textHash: consentTextHash(label("所填属实")) } }));
  });

  it("turns to the page of the first server error and shows it there", async () => {
    render(<FormRenderer schema={schema} locale="zh" onValidSubmit={() => undefined} serverErrors={{ school: "学校不在本区" }} defaultValues={{ name: "孙丽", school: "外区小学" }} />);
    expect(await screen.findByText("学校不在本区")).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "第2步，共3步" })).toBeTruthy();
  });
});
