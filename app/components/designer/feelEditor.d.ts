/** @bpmn-io/feel-editor ships no types; the part the designer uses. */
declare module "@bpmn-io/feel-editor" {
  export type FeelEditorVariable = { name: string; detail?: string; info?: string; entries?: FeelEditorVariable[] };
  export type FeelEditorOptions = {
    container: HTMLElement;
    value?: string;
    variables?: FeelEditorVariable[];
    placeholder?: string;
    dialect?: "expression" | "unaryTests";
    readOnly?: boolean;
    contentAttributes?: Record<string, string>;
    tooltipContainer?: HTMLElement | string;
    onChange?: (value: string) => void;
    onLint?: (diagnostics: unknown[]) => void;
  };
  export default class FeelEditor {
    constructor(options: FeelEditorOptions);
    setValue(value: string): void;
    setVariables(variables: FeelEditorVariable[]): void;
    focus(position?: number): void;
  }
}
