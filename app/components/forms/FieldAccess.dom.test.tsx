// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldAccessFor, visibleData } from "../../../forms/fieldAccess";
import { parseFormSchema } from "../../../forms/schema";
import { label, mustParse } from "../../../forms/testForms";
import { FormRenderer } from "./FormRenderer";

afterEach(cleanup);
configure({ asyncUtilTimeout: 8000 });

const parsed = (json: unknown) => mustParse(json, parseFormSchema);
const schema = parsed({
  schemaVersion: 1,
  id: "aid",
  title: label("困难帮扶"),
  fields: [
    { key: "name", type: "text", label: label("姓名"), required: true },
    { key: "idNumber", type: "idNumber", label: label("身份证号"), required: true },
    { key: "income", type: "money", label: label("家庭月收入") },
    { key: "grant", type: "money", label: label("核定金额"), max: 5000 },
  ],
  rules: [{ assert: "grant = null or idNumber != null", message: label("需要身份证号") }],
});
const stored = { name: "孙丽", idNumber: "11010519491231002X", income: 3000, grant: null };

describe("an approval node's field access in the renderer", () => {
  it("does not render hidden fields, shows read-only ones disabled, validates without the hidden ones, and sends only editable fields", async () => {
    const access = fieldAccessFor(schema, { idNumber: "hidden", grant: "editable" });
    const onValid = vi.fn();
    render(<FormRenderer schema={schema} locale="zh" submitLabel="保存核定" defaultValues={visibleData(stored, access)} fieldPermissions={access} onValidSubmit={onValid} />);
    expect(screen.queryByLabelText("身份证号")).toBeNull();
    expect(screen.getByLabelText("姓名")).toHaveProperty("disabled", true);
    expect(screen.getByLabelText("家庭月收入")).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByLabelText("核定金额"), { target: { value: "1200" } });
    fireEvent.click(screen.getByRole("button", { name: /保存核定/ }));
    await waitFor(() => expect(onValid).toHaveBeenCalledWith({ grant: 1200 }));
  });
});
