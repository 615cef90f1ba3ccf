// Kept in workflows/ because a new blank program (workflows/services/createProgram.ts) starts from it too.
/** A new flow starts as 提交申请 → 基层工会审批 → 办结, with the default approval settings. */
export const STARTING_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:niangjia="http://niangjia.org/schema/bpmn/1.0" id="Definitions_1" targetNamespace="http://niangjia.org/programs">
  <bpmn:process id="Process_1" name="审批流程" isExecutable="true">
    <bpmn:startEvent id="Start" name="提交申请">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="GrassrootsReview" name="基层工会审批">
      <bpmn:extensionElements>
        <niangjia:approval mode="single" actions="approve,reject,return" commentRequiredOn="reject,return" signature="none" emptyAssignee="toAdmin" applicantIsApprover="toSuperior" dedupe="false">
          <niangjia:assignee kind="orgLevel" level="grassroots" role="approver" />
        </niangjia:approval>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End" name="办结">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="GrassrootsReview" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="GrassrootsReview" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1">
    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="GrassrootsReview_di" bpmnElement="GrassrootsReview"><dc:Bounds x="250" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="412" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="250" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="350" y="120" /><di:waypoint x="412" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
