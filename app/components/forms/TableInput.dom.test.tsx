// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFormSchema } from "../../../forms/schema";
import { label, mustParse } from "../../../forms/testForms";
import { FormRenderer } from "./FormRenderer";

afterEach(cleanup);
// antd in happy-dom is slow on a busy 2-core machine: wait longer than the default second.
configure({ asyncUtilTimeout: 8000 });

const parsed = (json: unknown) => mustParse(json, parseFormSchema);

const schema = parsed({
  schemaVersion: 1,
  id: "hardship",
  title: label("困难帮扶"),
  fields: [
    {
      key: "members", type: "table", label: label("家庭成员"), minRows: 1, maxRows: 3, totals: ["income"],
      columns: [
        { key: "name", type: "text", label: label("姓名"), required: true },
        { key: "income", type: "money", label: label("月收入"), default: 0 },
      ],
    },
    { key: "familyIncome", type: "computed", label: label("家庭总收入"), expression: "sum(members.income)", format: "money" },
    { key: "perCapita", type: "computed", label: label("家庭人均月收入"), expression: "familyIncome / count(members)", format: "money" },
  ],
});

describe("明细表 in the renderer", () => {
  it("starts with minRows rows, adds and removes rows up to maxRows, and keeps totals and computed fields live", async () => {
    render(<FormRenderer schema={schema} locale="zh" onValidSubmit={() => undefined} />);
    expect(screen.getAllByLabelText("姓名")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "删除第1行" })).toHaveProperty("disabled", true); // minRows 1
    fireEvent.change(screen.getByLabelText("月收入"), { target: { value: "3000" } });
    fireEvent.click(screen.getByRole("button", { name: /添加一行/ }));
    fireEvent.click(screen.getByRole("button", { name: /添加一行/ }));
    expect(screen.getAllByLabelText("姓名")).toHaveLength(3);
    expect(screen.getByRole("button", { name: /添加一行/ })).toHaveProperty("disabled", true); // maxRows 3
    fireEvent.change(screen.getAllByLabelText("月收入")[1], { target: { value: "1500" } });
    await waitFor(() => expect((screen.getByLabelText("家庭人均月收入") as HTMLInputElement).value).toBe("¥1,500.00"));
    fireEvent.click(screen.getByRole("button", { name: "删除第3行" }));
    await waitFor(() => expect((screen.getByLabelText("家庭人均月收入") as HTMLInputElement).value).toBe("¥2,250.00"));
    expect(screen.getByText(/合计/).closest("[aria-live]")?.textContent).toContain("¥4,500.00");
  });

  it("shows each bad cell's error beside the cell, names the row, and focuses the first", async () => {
    const onValid = vi.fn();
    render(<FormRenderer schema={schema} locale="zh" submitLabel="提交申请" onValidSubmit={onValid} />);
    fireEvent.click(screen.getByRole("button", { name: /添加一行/ }));
    fireEvent.change(screen.getAllByLabelText("姓名")[0], { target: { value: "孙丽" } });
    fireEvent.click(screen.getByRole("button", { name: "提交申请" }));
    const alert = await screen.findByText("第2行：请填写姓名");
    expect(alert.id).toMatch(/members-1-name-error$/);
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByLabelText("姓名")[1]));
    expect(onValid).not.toHaveBeenCalled();
    fireEvent.change(screen.getAllByLabelText("姓名")[1], { target: { value: "孙小明" } });
    // antd keeps the fading loading icon (named "loading") in happy-dom, which never ends the motion.
    const submit = screen.getByRole("button", { name: /提交申请/ });
    await waitFor(() => expect(submit).toHaveProperty("disabled", false));
    fireEvent.click(submit);
    await waitFor(() => expect(onValid).toHaveBeenCalledWith({
      members: [{ name: "孙丽", income: 0 }, { name: "孙小明", income: 0 }],
      familyIncome: 0,
      perCapita: 0,
    }));
  });
});
