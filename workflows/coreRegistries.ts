import type { FieldType } from "../forms/fieldType";
import { fieldTypeRegistry } from "../forms/fieldRegistry";
import { feelFunctionRegistry, type FeelFunction } from "../forms/feel";
import { Registry } from "../forms/registry";
import { admissionHookRegistry, type AdmissionHook } from "./admissionHooks";
import { dashboardWidgetRegistry, type DashboardWidget } from "./dashboardWidgets";
import { notificationChannelRegistry, type NotificationChannel } from "./notificationChannels";
import { pluginCatalog, type PluginCatalogEntry } from "./pluginCatalog";
import { pluginPageRegistry, type PluginPage } from "./pluginPages";
import { programTemplateRegistry, type ProgramTemplate } from "./programTemplates";
import { serviceHandlerRegistry, type ServiceHandler } from "./serviceHandlers";

/** Every registry the core owns; plugins reach them only through the loader's facade. */
export type CoreRegistries = {
  plugins: Registry<PluginCatalogEntry>;
  fieldTypes: Registry<FieldType>;
  serviceHandlers: Registry<ServiceHandler>;
  programTemplates: Registry<ProgramTemplate>;
  feelFunctions: Registry<FeelFunction>;
  notificationChannels: Registry<NotificationChannel>;
  dashboardWidgets: Registry<DashboardWidget>;
  admissionHooks: Registry<AdmissionHook>;
  pages: Registry<PluginPage>;
};

/** The process-wide registries the app and the job worker read. */
export const coreRegistries: CoreRegistries = {
  plugins: pluginCatalog,
  fieldTypes: fieldTypeRegistry,
  serviceHandlers: serviceHandlerRegistry,
  programTemplates: programTemplateRegistry,
  feelFunctions: feelFunctionRegistry,
  notificationChannels: notificationChannelRegistry,
  dashboardWidgets: dashboardWidgetRegistry,
  admissionHooks: admissionHookRegistry,
  pages: pluginPageRegistry,
};

/** Empty registries of the same kinds, for tests that load plugins in isolation. */
export function createRegistries(): CoreRegistries {
  const fresh = <T>(r: Registry<T>) => new Registry<T>(r.kind);
  return {
    plugins: fresh(pluginCatalog),
    fieldTypes: fresh(fieldTypeRegistry),
    serviceHandlers: fresh(serviceHandlerRegistry),
    programTemplates: fresh(programTemplateRegistry),
    feelFunctions: fresh(feelFunctionRegistry),
    notificationChannels: fresh(notificationChannelRegistry),
    dashboardWidgets: fresh(dashboardWidgetRegistry),
    admissionHooks: fresh(admissionHookRegistry),
    pages: fresh(pluginPageRegistry),
  };
}
