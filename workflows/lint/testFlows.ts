/** Small BPMN documents for the lint and test-run tests, laid out left to right with diagram info. */

export type TestNode = {
  id: string;
  type: "startEvent" | "endEvent" | "userTask" | "serviceTask" | "exclusiveGateway" | "parallelGateway" | "task" | "scriptTask" | "boundaryEvent" | "intermediateCatchEvent";
  name?: string;
  inner?: string;
  attrs?: string;
};
export type TestFlow = { id: string; from: string; to: string; condition?: string; name?: string };

const size = (type: TestNode["type"]) => (type.endsWith("Event") ? { w: 36, h: 36 } : type.endsWith("Gateway") ? { w: 50, h: 50 } : { w: 100, h: 80 });

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An approval extension: `<niangjia:approval …><niangjia:assignee …/></niangjia:approval>`. */
export function approval(attrs = 'mode="any"', assignee = 'kind="orgLevel" level="grassroots"', more = ""): string {
  return `<bpmn:extensionElements><niangjia:approval ${attrs}><niangjia:assignee ${assignee} />${more}</niangjia:approval></bpmn:extensionElements>`;
}

export function bpmn(nodes: TestNode[], flows: TestFlow[], options: { defaults?: Record<string, string> } = {}): string {
  const pos = new Map(nodes.map((n, i) => [n.id, { x: 100 + i * 160, y: 100 }]));
  const body = nodes
    .map((n) => {
      const incoming = flows.filter((f) => f.to === n.id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`).join("");
      const outgoing = flows.filter((f) => f.from === n.id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`).join("");
      const def = options.defaults?.[n.id] ? ` default="${options.defaults[n.id]}"` : "";
      return `<bpmn:${n.type} id="${n.id}"${n.name ? ` name="${esc(n.name)}"` : ""}${def}${n.attrs ? ` ${n.attrs}` : ""}>${n.inner ?? ""}${incoming}${outgoing}</bpmn:${n.type}>`;
    })
    .join("\n");
  const flowXml = flows
    .map((f) =>
      f.condition
        ? `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}"${f.name ? ` name="${esc(f.name)}"` : ""}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">${esc(f.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}"${f.name ? ` name="${esc(f.name)}"` : ""} />`,
    )
    .join("\n");
  const shapes = nodes
    .map((n) => {
      const p = pos.get(n.id)!;
      const s = size(n.type);
      return `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${p.x}" y="${p.y - s.h / 2}" width="${s.w}" height="${s.h}" /></bpmndi:BPMNShape>`;
    })
    .join("\n");
  const edges = flows
    .map((f) => {
      const a = pos.get(f.from) ?? { x: 0, y: 0 };
      const b = pos.get(f.to) ?? { x: 0, y: 0 };
      return `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${a.x + 40}" y="${a.y}" /><di:waypoint x="${b.x}" y="${b.y}" /></bpmndi:BPMNEdge>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0" id="Defs" targetNamespace="http://niangjia.org/test">
<bpmn:process id="P" name="测试流程" isExecutable="true">
${body}
${flowXml}
</bpmn:process>
<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="Plane" bpmnElement="P">
${shapes}
${edges}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** start → 基层工会审批 → end, the modeler's starting template in test form. */
export function simpleApproval(approvalXml = approval()): string {
  return bpmn(
    [
      { id: "Start", type: "startEvent", name: "提交申请" },
      { id: "Review", type: "userTask", name: "基层工会审批", inner: approvalXml },
      { id: "End", type: "endEvent", name: "办结" },
    ],
    [
      { id: "F1", from: "Start", to: "Review" },
      { id: "F2", from: "Review", to: "End" },
    ],
  );
}
