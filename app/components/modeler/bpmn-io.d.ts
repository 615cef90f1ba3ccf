// The bpmn-io properties panel packages ship no TypeScript declarations; this is the part the modeler uses.
declare module "@bpmn-io/properties-panel" {
  export const CheckboxEntry: unknown;
  export const Group: unknown;
  export const NumberFieldEntry: unknown;
  export const SelectEntry: unknown;
  export const TextFieldEntry: unknown;
  export const isCheckboxEntryEdited: unknown;
  export const isNumberFieldEntryEdited: unknown;
  export const isSelectEntryEdited: unknown;
  export const isTextFieldEntryEdited: unknown;
}

declare module "bpmn-js-properties-panel" {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
}
