// bpmn-moddle ships no types; this is the part of its API the compiler uses.
declare module "bpmn-moddle" {
  export type ModdleElement = { $type: string; id?: string; name?: string; [key: string]: unknown };
  export type FromXmlResult = { rootElement: ModdleElement; warnings: { message: string }[] };
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
  }
}
