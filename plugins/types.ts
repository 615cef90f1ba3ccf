import type { FeelFunction } from "../forms/feel";
import type { AdmissionHook } from "../workflows/admissionHooks";
import type { FieldType } from "../forms/fieldType";
import type { DashboardWidget } from "../workflows/dashboardWidgets";
import type { NotificationChannel } from "../workflows/notificationChannels";
import type { PluginManifest } from "../workflows/pluginManifest";
import type { PluginPage } from "../workflows/pluginPages";
import type { ProgramTemplate } from "../workflows/programTemplates";
import type { ServiceContext, ServiceHandler } from "../workflows/serviceHandlers";

export type { PluginManifest } from "../workflows/pluginManifest";

/**
 * What a plugin may register: named things in registries the core owns. A key another
 * plugin (or the core) already holds stops boot with a message naming both plugins.
 */
export type PluginRegistries = {
  fieldType: (fieldType: FieldType) => void;
  serviceHandler: (id: string, handler: ServiceHandler) => void;
  /** The plugin's id is recorded on each program installed from it; see docs/plugins.md. */
  programTemplate: (template: Omit<ProgramTemplate, "pluginId">) => void;
  feelFunction: (name: string, fn: FeelFunction) => void;
  notificationChannel: (channel: NotificationChannel) => void;
  dashboardWidget: (widget: DashboardWidget) => void;
  /** Holds a resource for a new case of one of the plugin's own programs, in the case's transaction; see docs/plugins.md. */
  admissionHook: (hook: AdmissionHook) => void;
  /** A page at `/p/<pluginId>/<name>`; its React view goes in plugins/pages.ts under the same id. */
  page: (page: PluginPage) => void;
};

/**
 * What a plugin page's React view (plugins/pages.ts) gets: what its `load` returned, the
 * language, and the CSRF token its posts carry (`_csrf`, with `_action` naming the action).
 */
export type PluginPageViewProps = { data: unknown; locale: "zh" | "en"; csrf: string };

/** Given to `install`, which runs once per database inside the transaction that records the install. */
export type PluginInstallContext = {
  db: ServiceContext["db"];
  hostVersion: string;
};

/**
 * What a plugin adds to forms: FEEL functions and field types that the browser needs too (a
 * computed field, a condition, a rule, a field's own validation run in the applicant's browser
 * and again on the server). Keep the module that builds it free of Node and the database: it is
 * bundled for the browser through plugins/browserForms.ts.
 */
export type PluginForms = {
  feelFunctions?: Record<string, FeelFunction>;
  fieldTypes?: FieldType[];
};

export type NiangjiaPlugin = {
  manifest: PluginManifest;
  /** Registered at boot with what `load` registers, and in the browser by plugins/browserForms.ts. */
  forms?: PluginForms;
  /** Called at every boot; registers into the core's registries. Must be synchronous. */
  load: (registries: PluginRegistries) => void;
  /** Runs once per database (e.g. to seed the plugin's own tables), after its migrations. */
  install?: (ctx: PluginInstallContext) => Promise<void>;
  /**
   * Absolute path of the plugin's drizzle-kit migrations folder. Every table, index and type
   * it creates must be named `p_<id>_…`; they run at boot after the core's, tracked in
   * `drizzle.__drizzle_migrations_<id>`.
   */
  migrationsFolder?: string;
  /**
   * The demo data (`npx niangjia seed`, `npm start`): its programs are installed in these
   * district org ids instead of the default demo districts, switched on there the first time,
   * and `seed` writes demo rows to its own tables (it must be idempotent).
   */
  demo?: { districts: string[]; seed?: (ctx: PluginInstallContext) => Promise<void> };
};
