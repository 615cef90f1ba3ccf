import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { programs } from "../../db/schema";
import { installProgramTemplate } from "../../workflows/services/installProgram";

const BPMN_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0"';

/** A one-node approval flow for tests: start → approval (given attributes and assignee) → end; lint-clean, so it can be published. */
export function singleApprovalBpmn(approvalAttrs: string, assignee: string, extra = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${BPMN_NS} id="d" targetNamespace="t">
  <bpmn:process id="p" name="测试流程" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="会签审批">
      <bpmn:extensionElements><niangjia:approval ${approvalAttrs}>${assignee}${extra}</niangjia:approval></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;
}

/** A minimal form every test flow can use. */
export const noteForm = {
  schemaVersion: 1,
  id: "test-note",
  title: { zh: "测试", en: "Test" },
  fields: [{ key: "note", type: "text", label: { zh: "说明", en: "Note" }, required: true }],
};

/** Install a test program owned by `ownerOrgId` and return its id. */
export async function installTestProgram(db: Queryable, code: string, bpmnXml: string, ownerOrgId = "huli", formSchema: unknown = noteForm): Promise<string> {
  const { programId } = await installProgramTemplate(
    db,
    { key: code, name: `测试 ${code}`, nameEn: `Test ${code}`, description: "", category: "test", caseNoPattern: `T-${code}-{seq:4}`, formSchema, bpmnXml },
    ownerOrgId,
  );
  const [row] = await db.select().from(programs).where(eq(programs.id, programId));
  return row.id;
}
