import { describe, expect, it } from "vitest";
import { feelIsTrue, feelReferencedNames, feelSyntaxProblem } from "./feel";

describe("FEEL helpers", () => {
  it("finds syntax errors without evaluating", () => {
    expect(feelSyntaxProblem("a + b")).toBeNull();
    expect(feelSyntaxProblem("a +")).not.toBeNull();
    expect(feelSyntaxProblem("   ")).not.toBeNull();
  });

  it("lists the free names an expression reads, not functions it calls or names it binds", () => {
    expect(feelReferencedNames('newEmploymentForm != "none" and platformName = null')).toEqual(["newEmploymentForm", "platformName"]);
    expect(feelReferencedNames("count(kids[item > 3]) + sum(for k in kids return k) + consent.accepted")).toEqual(["kids", "consent"]);
    expect(feelReferencedNames("date(birth) < today()")).toEqual(["birth"]);
  });

  it("treats only boolean true as a true condition", () => {
    expect(feelIsTrue("a > 1", { a: 2 })).toBe(true);
    expect(feelIsTrue("a > 1", { a: null })).toBe(false);
    expect(feelIsTrue("a >", { a: 2 })).toBe(false);
  });
});
