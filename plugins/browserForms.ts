import { registerFeelFunction, feelFunctionRegistry } from "../forms/feel";
import { fieldTypeRegistry } from "../forms/fieldRegistry";
import type { PluginForms } from "./types";
import { xiamenForms } from "./xiamen/forms";

/**
 * What plugins add to forms, by plugin id, for the browser bundle: the same objects their
 * manifests carry as `forms` (a test checks they match). List only browser-safe modules here,
 * never a plugin's index (it reads files, runs SQL).
 */
export const pluginFormsInBrowser: Record<string, PluginForms> = {
  xiamen: xiamenForms,
};

/**
 * Register every plugin's form extensions in this browser, under the plugin's id, so the
 * renderer, the designer's preview and the FEEL editor know them as the server does. Safe to
 * call again (a hot reload): an entry its plugin already holds is kept.
 */
export function registerPluginFormsInBrowser(): void {
  for (const [pluginId, forms] of Object.entries(pluginFormsInBrowser)) {
    for (const [name, fn] of Object.entries(forms.feelFunctions ?? {})) {
      if (feelFunctionRegistry.ownerOf(name) !== pluginId) registerFeelFunction(name, fn, pluginId);
    }
    for (const fieldType of forms.fieldTypes ?? []) {
      if (fieldTypeRegistry.ownerOf(fieldType.type) !== pluginId) fieldTypeRegistry.register(fieldType.type, fieldType, pluginId);
    }
  }
}
