import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { translateLintMessage } from "./bpmnlintMessages";
import { lintFlow } from "./lintFlow";
import { approval, bpmn, simpleApproval } from "./testFlows";

const membership = readFileSync(new URL("../../plugins/core/programs/membership/flow.bpmn", import.meta.url), "utf8");

describe("lintFlow: compiler and bpmnlint in one list", () => {
  it("finds nothing in the built-in membership flow and hands back the compiled definition", async () => {
    const lint = await lintFlow(membership);
    expect(lint.problems).toEqual([]);
    expect(lint.errorCount).toBe(0);
    expect(lint.definition?.nodes.GrassrootsReview.kind).toBe("userTask");
  });

  it("never throws on input that is not BPMN", async () => {
    for (const input of ["", "garbage", "<a/>", "<?xml version='1.0'?><bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'/>", 42 as unknown as string]) {
      const lint = await lintFlow(input);
      expect(lint.errorCount).toBeGreaterThan(0);
      expect(lint.definition).toBeNull();
      for (const p of lint.problems) expect(p.message.zh && p.message.en).toBeTruthy();
    }
  });

  it("names the element of a compiler problem and adds bpmnlint's style warnings", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "开始" },
        { id: "Review", type: "userTask" },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "Review" },
        { id: "F2", from: "Review", to: "End" },
      ],
    );
    const lint = await lintFlow(xml);
    const missing = lint.problems.find((p) => p.code === "approval.missing");
    expect(missing).toMatchObject({ severity: "error", source: "niangjia", elementId: "Review", elementType: "bpmn:UserTask" });
    expect(missing?.message.zh).toBe("审批节点缺少审批人设置");
    const label = lint.problems.find((p) => p.code === "bpmnlint/label-required");
    expect(label).toMatchObject({ severity: "warning", source: "bpmnlint", elementId: "Review", elementType: "bpmn:UserTask" });
    expect(label?.message).toEqual({ zh: "元素缺少名称", en: "Element is missing label/name" });
    // errors first, then warnings; keys unique
    const severities = lint.problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort());
    expect(new Set(lint.problems.map((p) => p.key)).size).toBe(lint.problems.length);
    expect(lint.errorCount).toBe(1);
  });

  it("drops bpmnlint lines that repeat what the compiler already said", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "开始" },
        { id: "Review", type: "userTask", name: "审批", inner: approval() },
        { id: "Lost", type: "userTask", name: "孤立节点", inner: approval() },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "Review" },
        { id: "F2", from: "Review", to: "End" },
      ],
    );
    const lint = await lintFlow(xml);
    const onLost = lint.problems.filter((p) => p.elementId === "Lost").map((p) => p.code);
    expect(onLost).toContain("node.deadEnd");
    expect(onLost).toContain("node.unreachable");
    expect(onLost).not.toContain("bpmnlint/no-disconnected");
    // structural problems carry the element's real type and name, not the compiler's generic ones
    expect(lint.problems.find((p) => p.code === "node.deadEnd")).toMatchObject({ elementType: "bpmn:UserTask", name: "孤立节点" });
  });

  it("reports what only bpmnlint sees, in Chinese with a hint", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "开始" },
        { id: "G", type: "exclusiveGateway" },
        { id: "Review", type: "userTask", name: "审批", inner: approval() },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "G" },
        { id: "F2", from: "G", to: "Review" },
        { id: "F3", from: "Review", to: "End" },
      ],
      { defaults: { G: "F2" } },
    );
    const lint = await lintFlow(xml);
    const superfluous = lint.problems.find((p) => p.code === "bpmnlint/superfluous-gateway");
    expect(superfluous).toMatchObject({ severity: "warning", elementId: "G", elementType: "bpmn:ExclusiveGateway" });
    expect(superfluous?.message.zh).toContain("网关多余");
    expect(superfluous?.hint.zh).toBeTruthy();
    expect(lint.errorCount).toBe(0);
    expect(lint.definition).not.toBeNull();
  });

  it("refuses elements outside the subset with the compiler's reason", async () => {
    const xml = bpmn(
      [
        { id: "Start", type: "startEvent", name: "开始" },
        { id: "S", type: "scriptTask", name: "脚本" },
        { id: "End", type: "endEvent", name: "结束" },
      ],
      [
        { id: "F1", from: "Start", to: "S" },
        { id: "F2", from: "S", to: "End" },
      ],
    );
    const lint = await lintFlow(xml);
    expect(lint.problems[0]).toMatchObject({ code: "element.unsupported", elementId: "S", name: "脚本", severity: "error" });
    expect(lint.problems[0].message.zh).toBe("不支持脚本任务");
  });

  it("accepts the starting template", async () => {
    expect((await lintFlow(simpleApproval())).problems).toEqual([]);
  });
});

describe("bpmnlint messages in Chinese", () => {
  it("translates every message the recommended rules report, keeping the English", () => {
    const messages = [
      "Element is missing label/name",
      "Element is not connected",
      "Sequence flow is missing condition",
      "Process is missing end event",
      "Process is missing start event",
      "Process has multiple blank start events",
      "Element is an implicit end",
      "Element is an implicit start",
      "Flow splits implicitly",
      "Incoming flows do not join",
      "Gateway forks and joins",
      "Gateway is superfluous. It only has one source and target.",
      "Termination is superfluous.",
      "SequenceFlow is a duplicate",
      "Element is missing bpmndi",
      "Element overlaps with other element",
      "Element type <bpmn:InclusiveGateway> is discouraged",
    ];
    for (const m of messages) {
      const t = translateLintMessage(m);
      expect(t.message.en).toBe(m);
      expect(t.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.hint.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("keeps an unknown message as it is rather than inventing one", () => {
    expect(translateLintMessage("Something new")).toEqual({ message: { zh: "Something new", en: "Something new" }, hint: { zh: "", en: "" } });
  });
});
