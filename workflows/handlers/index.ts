import { registerServiceHandler, getServiceHandler } from "../serviceHandlers";
import { assignMemberNo } from "./assignMemberNo";
import { registerPayout } from "./registerPayout";

/** Service-task handlers that ship with the core, registered once per process. */
export const coreServiceHandlers = { "core.assignMemberNo": assignMemberNo, "core.registerPayout": registerPayout };

export function registerCoreServiceHandlers(): void {
  for (const [id, handler] of Object.entries(coreServiceHandlers)) {
    if (!getServiceHandler(id)) registerServiceHandler(id, handler);
  }
}
