import { describe, expect, it } from "vitest";
import { matchesSearch } from "./inboxQueries";

const row = { caseNo: "JQZX-2026-0012", applicantName: "赵小明", programId: "p1", data: { university: "厦门大学", members: [{ memberName: "王芳" }] } };

describe("inbox search", () => {
  it("finds a case by number, applicant or any form value, every word required", () => {
    expect(matchesSearch(row, "jqzx-2026")).toBe(true);
    expect(matchesSearch(row, "赵小明")).toBe(true);
    expect(matchesSearch(row, "厦门大学 王芳")).toBe(true);
    expect(matchesSearch(row, "厦门大学 李四")).toBe(false);
    expect(matchesSearch(row, "  ")).toBe(true);
  });

  it("filters by program", () => {
    expect(matchesSearch(row, "", "p1")).toBe(true);
    expect(matchesSearch(row, "", "p2")).toBe(false);
  });
});
