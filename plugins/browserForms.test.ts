import { describe, expect, it } from "vitest";
import { evaluateFeel, feelFunctionRegistry } from "../forms/feel";
import { fieldTypeRegistry } from "../forms/fieldRegistry";
import { registerPluginFormsInBrowser, pluginFormsInBrowser } from "./browserForms";
import { examplePlugin } from "./example";
import { plugins } from "./index";

describe("plugin form extensions in the browser", () => {
  it("lists exactly what each plugin's manifest carries as forms", () => {
    const withForms = [...plugins, examplePlugin].filter((p) => p.forms);
    expect(Object.keys(pluginFormsInBrowser).sort()).toEqual(withForms.map((p) => p.manifest.id).sort());
    for (const plugin of withForms) expect(pluginFormsInBrowser[plugin.manifest.id]).toBe(plugin.forms);
  });

  it("registers them under the plugin's id, so forms compute with them; a second call changes nothing", () => {
    registerPluginFormsInBrowser();
    registerPluginFormsInBrowser();
    expect(feelFunctionRegistry.ownerOf("xiamen_medical_aid")).toBe("xiamen");
    expect(evaluateFeel("xiamen_medical_aid(42, 250000)")).toMatchObject({ ok: true, value: 41_500 });
    expect(evaluateFeel('xiamen_transport_subsidy({codes: ["51", "5113"]}, 612)')).toMatchObject({ ok: true, value: 400 });
    for (const forms of Object.values(pluginFormsInBrowser)) {
      for (const fieldType of forms.fieldTypes ?? []) expect(fieldTypeRegistry.has(fieldType.type)).toBe(true);
    }
  });
});
