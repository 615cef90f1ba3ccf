import type { Localized } from "../types";

type Translation = { match: RegExp; zh: (m: RegExpMatchArray) => string; hintZh: string; hintEn: string };

const t = (match: RegExp, zh: string | ((m: RegExpMatchArray) => string), hintZh: string, hintEn: string): Translation => ({
  match,
  zh: typeof zh === "string" ? () => zh : zh,
  hintZh,
  hintEn,
});

/** bpmnlint's English report messages, each with a Chinese wording and a hint in both languages. */
const translations: Translation[] = [
  t(/^Element is missing label\/name$/, "元素缺少名称", "在属性面板里填写名称，审批人和申请人会看到它", "Give it a name in the properties panel; approvers and applicants see it"),
  t(/^Element is not connected$/, "元素没有连线", "把它连到流程中，或删除它", "Connect it to the flow or delete it"),
  t(/^Sequence flow is missing condition$/, "分支连线缺少条件", "写一个 FEEL 条件，或把它设为默认分支", "Write a FEEL condition or make it the default flow"),
  t(/^(.*) is missing end event$/, "流程缺少结束事件", "添加一个结束事件", "Add an end event"),
  t(/^(.*) is missing start event$/, "流程缺少开始事件", "添加一个空白开始事件", "Add a blank start event"),
  t(/^(.*) has multiple blank start events$/, "有多个空白开始事件", "只保留一个开始事件", "Keep one start event"),
  t(/^Element is an implicit end$/, "此元素没有出口，流程会在这里隐式结束", "连到一个结束事件", "Connect it to an end event"),
  t(/^Element is an implicit start$/, "此元素没有入口，流程会从这里隐式开始", "从开始事件或前一步连过来", "Connect it from the start event or an earlier step"),
  t(/^Flow splits implicitly$/, "非网关元素有多条出线（隐式分支）", "用排他网关或并行网关来分支", "Branch with an exclusive or a parallel gateway"),
  t(/^Incoming flows do not join$/, "多条入线没有经过网关汇合", "在此元素前加一个网关来汇合", "Add a gateway before it to join the flows"),
  t(/^Gateway forks and joins$/, "网关同时汇合和分支", "分成一个汇合网关和一个分支网关，更易读", "Split it into a joining and a forking gateway; it reads more easily"),
  t(/^Gateway is superfluous\. It only has one source and target\.$/, "网关多余：只有一条入线和一条出线", "删除这个网关，直接连线", "Delete the gateway and connect directly"),
  t(/^Termination is superfluous\.$/, "终止结束事件多余", "改为普通结束事件", "Use a plain end event"),
  t(/^Sequence flow has superfluous label$/, "连线名称多余", "只在网关分支上给连线命名", "Name flows only on gateway branches"),
  t(/^SequenceFlow is a duplicate$/, "连线重复", "删除重复的连线", "Delete the duplicate flow"),
  t(/^Duplicate outgoing sequence flows$/, "有重复的出线", "删除重复的连线", "Delete the duplicate flow"),
  t(/^Duplicate incoming sequence flows$/, "有重复的入线", "删除重复的连线", "Delete the duplicate flow"),
  t(/^Element is missing bpmndi$/, "元素缺少图形信息，无法在画布上显示", "在建模器中重新画出该元素", "Draw the element again in the modeler"),
  t(/^Element overlaps with other element$/, "元素与其他元素重叠", "拖开一些，图更清楚", "Move it apart so the diagram stays readable"),
  t(/^Element is outside of parent boundary$/, "元素超出了所在容器的边界", "把它拖回容器内", "Move it back inside its container"),
  t(/^Element type <(.*)> is discouraged$/, (m) => `不建议使用元素类型 ${m[1]}`, "改用排他网关", "Use an exclusive gateway instead"),
  t(/^Event has multiple event definitions$/, "事件有多个事件定义", "每个事件只保留一个定义", "Keep one definition per event"),
  t(/^Start event must be blank$/, "子流程的开始事件必须是空白事件", "去掉开始事件的类型", "Remove the start event's type"),
  t(/^Start event is missing event definition$/, "事件子流程的开始事件缺少类型", "给开始事件设置类型", "Give the start event a type"),
  t(/^Element is missing name$/, "定义缺少名称", "给它起个名字", "Give it a name"),
  t(/^Element is unused$/, "定义未被使用", "删除未使用的定义", "Delete the unused definition"),
  t(/^Element name is not unique$/, "定义的名称重复", "改一个不重复的名称", "Use a unique name"),
  t(/^Conditional event is missing a condition$/, "条件事件缺少条件", "写一个条件，或改用其他事件", "Add a condition or use another event"),
  t(/^Link event is missing link name$/, "链接事件缺少链接名称", "填写链接名称", "Fill in the link name"),
  t(/^Link .*$/, "链接事件没有配对", "让抛出和捕获链接事件同名", "Give the throw and catch link events the same name"),
  t(/<Event-based Gateway>/, "事件网关的用法不正确", "改用排他网关", "Use an exclusive gateway"),
  t(/<Ad Hoc Sub Process>/, "即席子流程中不能有开始或结束事件", "删除其中的开始或结束事件", "Remove the start or end event from it"),
];

/** A bpmnlint report in Chinese and English, with a hint; unknown messages keep their English text in both. */
export function translateLintMessage(message: string): { message: Localized; hint: Localized } {
  for (const tr of translations) {
    const m = message.match(tr.match);
    if (m) return { message: { zh: tr.zh(m), en: message }, hint: { zh: tr.hintZh, en: tr.hintEn } };
  }
  return { message: { zh: message, en: message }, hint: { zh: "", en: "" } };
}
