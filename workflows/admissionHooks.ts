import type { Tx } from "../db/client";
import { sharedRegistry } from "../forms/registry";

/** What a hook learns about a case being created (it has an id, but no row yet). */
export type AdmissionContext = {
  tx: Tx;
  tenantId: string;
  programId: string;
  caseId: string;
  applicantId: string;
  applicantOrgId: string;
  data: Record<string, unknown>;
  at: Date;
};

/**
 * A plugin's say in admitting an application to one of its programs, inside the transaction
 * that creates the case: `hold` takes what the case needs (a venue slot, by a unique key) or
 * throws a PluginRefusal, which rolls the whole submission back; `release` gives it back when
 * the case ends without being granted (withdrawn, rejected), in that step's transaction.
 */
export type AdmissionHook = {
  /** The program template key (programs.code) the hook guards. */
  programKey: string;
  hold: (ctx: AdmissionContext) => Promise<void>;
  /** `status`: how the case ended — withdrawn, rejected, or cancelled (取消: a granted case given back). */
  release: (ctx: { tx: Tx; tenantId: string; caseId: string; status: string; at: Date }) => Promise<void>;
  /**
   * With this, an approved case of the program may be given back (取消, like a seat): it throws a
   * PluginRefusal when the plugin's own rules forbid it now (a booking's cancellation deadline).
   */
  cancel?: (ctx: { tx: Tx; tenantId: string; caseId: string; at: Date }) => Promise<void>;
};

export const admissionHookRegistry = sharedRegistry<AdmissionHook>({ id: "admissionHook", zh: "准入钩子", en: "admission hook" });

/**
 * The hook for a program, only if the plugin that shipped the program registered it (a plugin
 * cannot reach into another's programs, nor into core and studio programs).
 */
export function admissionHookFor(program: { code: string; pluginId: string | null }): AdmissionHook | undefined {
  if (!program.pluginId || admissionHookRegistry.ownerOf(program.code) !== program.pluginId) return undefined;
  return admissionHookRegistry.get(program.code);
}
