import { describe, expect, it } from "vitest";
import { readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "./main";

const fixtures = path.resolve("workflows/__fixtures__/bpmn-miwg");

async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await main(["node", "niangjia", ...args], (l) => lines.push(l));
  return { code, lines };
}

function tmpFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "nj-cli-")), name);
  writeFileSync(file, content);
  return file;
}

describe("niangjia bpmn check", () => {
  it("accepts the membership flow", async () => {
    const { code, lines } = await run("bpmn", "check", "plugins/core/programs/membership/flow.bpmn");
    expect(code).toBe(0);
    expect(lines.filter((l) => l.includes('"severity":"error"'))).toEqual([]);
  });

  it.each(readdirSync(fixtures).filter((f) => f.endsWith(".bpmn")))("answers %s with 0 or 1 and reasons, never a crash", async (file) => {
    const { code, lines } = await run("bpmn", "check", path.join(fixtures, file));
    expect([0, 1]).toContain(code);
    for (const line of lines) {
      const p = JSON.parse(line) as { code: string; message: { zh: string; en: string }; hint: { zh: string; en: string } };
      expect(p.code).toBeTruthy();
      expect(p.message.zh && p.message.en && p.hint.zh).toBeTruthy();
    }
    if (code === 1) expect(lines.some((l) => l.includes('"severity":"error"'))).toBe(true);
  });

  // The executable approval models: the sub-process, timer and error boundaries they draw now
  // compile; what is left is named exactly (our approver/handler settings, JUEL/XPath-style
  // conditions, message events, business-rule and receive tasks).
  it.each([
    ["C.1.1", ["approval.missing", "condition.syntax", "service.handler"]],
    ["C.3.0", ["approval.missing", "boundary.unsupported", "condition.syntax", "start.typed"]],
    ["C.8.1", ["approval.missing", "element.unsupported", "service.handler"]],
    ["C.9.1", ["approval.missing", "element.unsupported", "service.handler"]],
  ])("names exactly what %s lacks", async (model, expected) => {
    const { code, lines } = await run("bpmn", "check", path.join(fixtures, `${model}.bpmn`));
    expect(code).toBe(1);
    const errors = lines.map((l) => JSON.parse(l) as { severity: string; code: string; elementType: string }).filter((p) => p.severity === "error");
    expect([...new Set(errors.map((p) => p.code))].sort()).toEqual(expected);
    const refusedTypes = errors.filter((p) => p.code === "element.unsupported").map((p) => p.elementType);
    expect(refusedTypes.every((t) => t === "bpmn:BusinessRuleTask" || t === "bpmn:ReceiveTask")).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["not xml", "this is not xml at all <<<"],
    ["truncated", '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/>'],
    ["script task", '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:scriptTask id="t" name="脚本"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process></bpmn:definitions>'],
  ])("refuses %s input with exit 1", async (_name, content) => {
    const { code, lines } = await run("bpmn", "check", tmpFile("x.bpmn", content));
    expect(code).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("names the script task it refuses", async () => {
    const xml = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:scriptTask id="t" name="脚本"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process></bpmn:definitions>';
    const { lines } = await run("bpmn", "check", tmpFile("x.bpmn", xml));
    expect(JSON.parse(lines[0])).toMatchObject({ code: "element.unsupported", elementId: "t", elementType: "bpmn:ScriptTask", name: "脚本" });
  });

  it("reports a missing file with exit 1", async () => {
    expect((await run("bpmn", "check", "/no/such/file.bpmn")).code).toBe(1);
  });
});

describe("niangjia form check", () => {
  it("accepts the membership form", async () => {
    expect(await run("form", "check", "plugins/core/programs/membership/form.json")).toEqual({ code: 0, lines: [] });
  });

  it("knows the plugins' FEEL functions, and refuses a function nobody registered", async () => {
    expect(await run("form", "check", "plugins/xiamen/programs/medicalAid/form.json")).toEqual({ code: 0, lines: [] });
    const typo = { schemaVersion: 1, id: "x", title: { zh: "x", en: "x" }, fields: [{ key: "a", type: "computed", label: { zh: "a", en: "a" }, expression: "xiamen_medical_aide(1, 2)" }] };
    const { code, lines } = await run("form", "check", tmpFile("f.json", JSON.stringify(typo)));
    expect(code).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ path: "fields.0.expression", code: "unknown_function" })]);
  });

  it.each([
    ["not json", "{ nope"],
    ["wrong shape", JSON.stringify({ schemaVersion: 1, id: "x", title: { zh: "x", en: "x" }, fields: [{ key: "a", type: "warp-drive" }] })],
    ["duplicate keys", JSON.stringify({ schemaVersion: 1, id: "x", title: { zh: "x", en: "x" }, fields: [{ key: "a", type: "text", label: { zh: "a", en: "a" } }, { key: "a", type: "text", label: { zh: "a", en: "a" } }] })],
    ["null", "null"],
  ])("refuses %s with JSON lines and exit 1", async (_name, content) => {
    const { code, lines } = await run("form", "check", tmpFile("f.json", content));
    expect(code).toBe(1);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty("code");
  });
});

describe("niangjia user add", () => {
  it("refuses a malformed mobile before touching the database", async () => {
    const { code, lines } = await run("user", "add", "--name", "张三", "--mobile", "12345", "--password", "longenough", "--org", "huli");
    expect(code).toBe(1);
    expect(lines.join("\n")).toContain("手机号格式不正确");
  });

  it("is a usage error (exit 2) without required options", async () => {
    expect((await run("user", "add", "--name", "张三")).code).toBe(2);
  });
});
