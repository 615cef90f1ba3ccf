/** A program a plugin ships: its form JSON and BPMN, installed into a district as a published version. */
export type ProgramTemplate = {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  category: string;
  /** e.g. `RH-{yyyy}-{seq:5}` */
  caseNoPattern: string;
  formSchema: unknown;
  bpmnXml: string;
  consentText?: string;
};

const templates = new Map<string, ProgramTemplate>();

export function registerProgramTemplate(template: ProgramTemplate): void {
  if (templates.has(template.key)) throw new Error(`项目模板重复注册 / program template "${template.key}" is already registered`);
  templates.set(template.key, template);
}

export function getProgramTemplate(key: string): ProgramTemplate | undefined {
  return templates.get(key);
}

export function listProgramTemplates(): ProgramTemplate[] {
  return [...templates.values()];
}
