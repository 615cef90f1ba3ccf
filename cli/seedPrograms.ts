import type { Queryable } from "../db/client";
import { installProgramTemplate } from "../workflows/services/installProgram";
import { listProgramTemplates, loadPlugins } from "./loadPlugins";

/** The demo districts get every built-in program, owned by the district federation. */
export const DEMO_PROGRAM_OWNERS = ["huli", "siming"];

export async function seedBuiltinPrograms(db: Queryable): Promise<void> {
  loadPlugins();
  for (const owner of DEMO_PROGRAM_OWNERS) {
    for (const template of listProgramTemplates()) await installProgramTemplate(db, template, owner);
  }
}
