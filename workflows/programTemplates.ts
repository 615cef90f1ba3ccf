import { sharedRegistry } from "../forms/registry";

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
  /** Program settings (who, when, how often, seats); see workflows/programSettings.ts. */
  settings?: unknown;
  /** Set by the plugin loader: the plugin that shipped it (null for the core's own programs). */
  pluginId?: string | null;
};

export const programTemplateRegistry = sharedRegistry<ProgramTemplate>({ id: "programTemplate", zh: "项目模板", en: "program template" });

export function registerProgramTemplate(template: ProgramTemplate, owner?: string): void {
  programTemplateRegistry.register(template.key, template, owner);
}

export function getProgramTemplate(key: string): ProgramTemplate | undefined {
  return programTemplateRegistry.get(key);
}

export function listProgramTemplates(): ProgramTemplate[] {
  return programTemplateRegistry.values();
}
