import { describe, expect, it } from "vitest";
import { lintFlow } from "../../../workflows/lint/lintFlow";
import { STARTING_TEMPLATE } from "./startingTemplate";

describe("the modeler's starting template", () => {
  it("is a flow the engine runs as it is: 提交申请 → 基层工会审批 → 办结, no problems", async () => {
    const lint = await lintFlow(STARTING_TEMPLATE);
    expect(lint.problems).toEqual([]);
    expect(Object.values(lint.definition!.nodes).map((n) => [n.kind, n.name])).toEqual([
      ["start", "提交申请"],
      ["userTask", "基层工会审批"],
      ["end", "办结"],
    ]);
  });
});
