import { describe, expect, it } from "vitest";
import { parseFormSchema, type FormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";
import { candidatesFor, type ApproverCandidates, type ApproverPickerFieldDef } from "./approverPicker";

const chain = [
  { id: "u-li", name: "李基层", role: "approver", orgName: "软件园工会", level: "grassroots" as const },
  { id: "u-lin", name: "林街道", role: "approver", orgName: "禾山街道总工会", level: "street" as const },
  { id: "u-zhang", name: "张区总", role: "approver", orgName: "湖里区总工会", level: "district" as const },
  { id: "u-wang", name: "王管理", role: "admin", orgName: "湖里区总工会", level: "district" as const },
];
const people: ApproverCandidates = (field) => candidatesFor(field, chain);

const schema = (def: Partial<ApproverPickerFieldDef> = {}): FormSchema =>
  mustParse(form([{ key: "approver", type: "approverPicker", label: label("审批人", "Approver"), required: true, ...def }]), parseFormSchema);

describe("审批人自选 (approver picker)", () => {
  it("offers the field's role at its levels of the applicant's chain", () => {
    const field = schema({ levels: ["street", "district"] }).fields[0] as ApproverPickerFieldDef;
    expect(candidatesFor(field, chain).map((c) => c.id)).toEqual(["u-lin", "u-zhang"]);
    expect(candidatesFor({ ...field, role: "admin", levels: undefined }, chain).map((c) => c.id)).toEqual(["u-wang"]);
  });

  it("on the server keeps only people offered, with the directory's names whatever the browser sent", () => {
    const ok = validateSubmission(schema(), { approver: [{ id: "u-zhang", name: "随便写的名字" }] }, { locale: "zh", people });
    expect(ok).toEqual({ ok: true, data: { approver: [{ id: "u-zhang", name: "张区总" }] } });
    const stranger = validateSubmission(schema(), { approver: [{ id: "u-other-district" }] }, { locale: "zh", people });
    expect(stranger).toEqual({ ok: false, errors: { approver: "审批人中有人不在可选的审批人范围内，请重新选择" } });
    const adminAsApprover = validateSubmission(schema(), { approver: [{ id: "u-wang" }] }, { locale: "en", people });
    expect(adminAsApprover).toEqual({ ok: false, errors: { approver: "Approver names someone who cannot approve this application; choose again" } });
  });

  it("refuses too many people, the same person twice, wrong shapes and an empty required choice", () => {
    const check = (value: unknown, def: Partial<ApproverPickerFieldDef> = {}) => validateSubmission(schema(def), { approver: value }, { locale: "zh", people });
    expect(check([{ id: "u-li" }, { id: "u-lin" }])).toEqual({ ok: false, errors: { approver: "审批人最多选择1人" } });
    expect(check([{ id: "u-li" }, { id: "u-lin" }], { maxPeople: 2 })).toMatchObject({ ok: true });
    expect(check([{ id: "u-li" }, { id: "u-li" }], { maxPeople: 2 })).toEqual({ ok: false, errors: { approver: "审批人有重复选项" } });
    expect(check("u-li")).toMatchObject({ ok: false });
    expect(check([{ id: "u-li", role: "admin" }])).toMatchObject({ ok: false });
    expect(check([{ id: "../../etc" }])).toMatchObject({ ok: false });
    expect(check([])).toEqual({ ok: false, errors: { approver: "请选择审批人" } });
  });

  it("a definition cannot carry a default or list a level twice", () => {
    const result = parseFormSchema(form([{ key: "a", type: "approverPicker", label: label("审批人"), levels: ["street", "street"], default: [] }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code).sort()).toEqual(["duplicate_level", "invalid_default"]);
  });
});
