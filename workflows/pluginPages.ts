import type { Db, Tx } from "../db/client";
import { sharedRegistry } from "../forms/registry";
import { PluginRefusal } from "./pluginRefusal";
import type { SessionUser } from "./services/identity";

export type LocalizedText = { zh: string; en: string };

/** A district (区总 org) a page works for: the caller's own, or those an admin governs. */
export type PluginPageDistrict = { id: string; tenantId: string; name: string; path: string };

/** An audit row a page writes; the core adds the actor, the time and the hash chain. */
export type PluginAuditEntry = { tenantId: string; stream: string; action: string; caseId?: string | null; comment?: string | null; detail?: unknown };

export type PluginPageContext = {
  db: Db;
  user: SessionUser;
  /** Where the plugin is switched on and the caller may use the page (never empty: no district, no page). */
  districts: PluginPageDistrict[];
  /** For `load` the address's query (`?venue=…&date=…`); for an action the posted fields. Strings (JSON values from a script); the page checks them. */
  input: Record<string, unknown>;
  locale: "zh" | "en";
  now: Date;
  /** Append a hash-chained audit row inside `tx`, acting as the caller (every reveal and export is audited). */
  audit: (tx: Tx, entry: PluginAuditEntry) => Promise<void>;
  /**
   * Case data as stored → the plain values: personal numbers (身份证号, 银行卡号) are sealed at rest.
   * Only for what the page must hand on in clear (a bank file), and audited with `audit`.
   */
  openCaseData: <T>(stored: T) => T;
  /** The id of a program with this code the caller may apply to (to link to its form), or null. */
  programIdFor: (code: string) => Promise<string | null>;
};

/** A download an action returns (a bank file): the app sends it as an attachment. */
export type PluginFile = { fileName: string; contentType: string; body: string };

/** What an action tells the page: a message, a file to download, or data for its view. */
export type PluginActionResult = { message?: LocalizedText; file?: PluginFile; data?: unknown } | undefined;

/**
 * A page a plugin adds (共享职工之家, 我的积分, a wish wall), served at `/p/<pluginId>/<name>`
 * for `id` `<pluginId>.<name>`. The plugin owns both halves: `load` and `actions` here, run on
 * the server; its React view in plugins/pages.ts under the same id. A page is open only where
 * the plugin runs and is switched on: for a worker in their own district, for an admin in
 * the districts they govern. Actions refuse with a PluginRefusal (4xx, nothing changed).
 */
export type PluginPage = {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  audience: "worker" | "admin";
  load: (ctx: PluginPageContext) => Promise<unknown>;
  actions?: Record<string, (ctx: PluginPageContext) => Promise<PluginActionResult>>;
};

export const pluginPageRegistry = sharedRegistry<PluginPage>({ id: "pluginPage", zh: "插件页面", en: "plugin page" });

export function getPluginPage(id: string): PluginPage | undefined {
  return pluginPageRegistry.get(id);
}

export function listPluginPages(): PluginPage[] {
  return pluginPageRegistry.values();
}

export const pluginPageNotFound = () => new PluginRefusal("pageNotFound", "页面不存在，或未对您所在的区开放", "This page does not exist or is not open to you", 404);
