import { describe, expect, it } from "vitest";
import { resolveAssignees } from "./resolveAssignees";
import type { ApprovalSpec, Directory } from "./types";

const directory: Directory = {
  applicantId: "worker",
  chain: [
    { orgId: "unit", level: "grassroots", name: "基层工会", roles: { approver: ["li"] } },
    { orgId: "street", level: "street", name: "街道总工会", roles: { approver: ["lin"] } },
    { orgId: "district", level: "district", name: "区总工会", roles: { approver: ["zhang", "he"], admin: ["wang"] } },
  ],
  programAdmins: ["wang"],
};

const spec = (assignee: ApprovalSpec["assignee"], emptyAssignee: ApprovalSpec["emptyAssignee"] = "toAdmin"): ApprovalSpec => ({
  assignee,
  mode: "single",
  actions: ["approve", "reject", "return"],
  commentRequiredOn: ["reject", "return"],
  signature: "none",
  fieldPermissions: {},
  emptyAssignee,
  applicantIsApprover: "toSuperior",
  dedupe: false,
});

describe("approvers named by the form (the applicant's choice, a form field)", () => {
  it("takes people who hold a role on the applicant's org chain", () => {
    expect(resolveAssignees(spec({ kind: "initiatorChoice", field: "approver" }), directory, { approver: "lin" })).toEqual(["lin"]);
    expect(resolveAssignees(spec({ kind: "formField", field: "reviewers" }), directory, { reviewers: ["zhang", "he"] })).toEqual(["zhang", "he"]);
  });

  it("reads an approver picker's people ({id, name}), still only those on the chain", () => {
    const picked = [{ id: "zhang", name: "张" }, { id: "stranger", name: "陌生人" }, { id: "lin", name: "林" }];
    expect(resolveAssignees(spec({ kind: "initiatorChoice", field: "approver" }), directory, { approver: picked })).toEqual(["zhang", "lin"]);
  });

  it("drops anyone else — another district's approver, a made-up id — and falls back to the node's rule for nobody found", () => {
    expect(resolveAssignees(spec({ kind: "initiatorChoice", field: "approver" }), directory, { approver: "siming-approver" })).toEqual(["wang"]);
    expect(resolveAssignees(spec({ kind: "formField", field: "reviewers" }, "autoPass"), directory, { reviewers: ["lin", "stranger"] })).toEqual(["lin"]);
    expect(resolveAssignees(spec({ kind: "formField", field: "reviewers" }, "reject"), directory, { reviewers: 42 })).toEqual([]);
  });
});
