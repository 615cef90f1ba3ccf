/** Small builders for BPMN test diagrams (no DI: the compiler reads semantics only). */

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0"';

/** A definitions document with one executable process holding `body`. */
export function bpmnDoc(body: string, processId = "p"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d" targetNamespace="t">
  <bpmn:process id="${processId}" name="测试流程" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

/** An approval step whose approvers are named users (or any assignee XML). */
export function approval(id: string, name: string, users: string, attrs = 'mode="any"', inner = ""): string {
  const assignee = users.startsWith("<") ? users : `<niangjia:assignee kind="users" userIds="${users}"/>`;
  return `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><niangjia:approval ${attrs}>${assignee}</niangjia:approval></bpmn:extensionElements>${inner}</bpmn:userTask>`;
}

/** Sequence flows from `[id, source, target, condition?]` tuples. */
export function flows(...list: [string, string, string, string?][]): string {
  return list
    .map(([id, s, t, c]) => (c ? `<bpmn:sequenceFlow id="${id}" sourceRef="${s}" targetRef="${t}"><bpmn:conditionExpression>${c}</bpmn:conditionExpression></bpmn:sequenceFlow>` : `<bpmn:sequenceFlow id="${id}" sourceRef="${s}" targetRef="${t}"/>`))
    .join("");
}

/** A chain of flows through the given node ids (ids f_<source>_<target>). */
export function chain(...ids: string[]): string {
  return flows(...ids.slice(1).map((t, i) => [`f_${ids[i]}_${t}`, ids[i], t] as [string, string, string]));
}

/**
 * Two departments approve in parallel, then the district: start → fork → (deptA ∥ deptB) →
 * join → district → end. Assignees default to users a, b and d.
 */
export function parallelDepartmentsBpmn(who = { a: "a", b: "b", d: "d" }, attrs = 'mode="any" actions="approve,reject,return"'): string {
  return bpmnDoc(
    `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>` +
      approval("deptA", "组织部审批", who.a, attrs) +
      approval("deptB", "财务部审批", who.b, attrs) +
      `<bpmn:parallelGateway id="join"/>` +
      approval("district", "区总审批", who.d, attrs) +
      `<bpmn:endEvent id="e"/>` +
      chain("s", "fork", "deptA", "join", "district", "e") +
      chain("fork", "deptB", "join"),
  );
}
