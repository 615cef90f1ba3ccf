/**
 * The bpmn-js Modeler with our subset, the properties panel for the `niangjia:` extension and
 * Chinese labels. Browser only: the flow page imports this module lazily inside an effect.
 */
import Modeler from "bpmn-js/lib/Modeler";
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from "bpmn-js-properties-panel";
import niangjiaDescriptor from "../../../workflows/moddle/niangjia.json";
import { niangjiaPropertiesModule, type NiangjiaPanelConfig } from "./niangjiaPropertiesProvider";
import { subsetModule } from "./subsetModule";
import { translateModule } from "./translateModule";

export type FlowModelerInstance = InstanceType<typeof Modeler>;

export function createModeler(options: { canvas: HTMLElement; panel: HTMLElement; config: NiangjiaPanelConfig }): FlowModelerInstance {
  return new Modeler({
    container: options.canvas,
    propertiesPanel: {
      parent: options.panel,
      // Open what an admin edits most: name, approvers, the handler, a branch condition.
      layout: { groups: Object.fromEntries(["general", "niangjia-assignee", "niangjia-service", "niangjia-condition", "niangjia-timer"].map((id) => [id, { open: true }])) },
    },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, subsetModule, niangjiaPropertiesModule, translateModule(options.config.locale)],
    moddleExtensions: { niangjia: niangjiaDescriptor },
    niangjia: options.config,
  } as ConstructorParameters<typeof Modeler>[0]);
}
