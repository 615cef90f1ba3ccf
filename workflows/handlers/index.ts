import { registerServiceHandler, getServiceHandler } from "../serviceHandlers";
import { assignMemberNo } from "./assignMemberNo";

/** Service-task handlers that ship with the core, registered once per process. */
export const coreServiceHandlers = { "core.assignMemberNo": assignMemberNo };

export function registerCoreServiceHandlers(): void {
  for (const [id, handler] of Object.entries(coreServiceHandlers)) {
    if (!getServiceHandler(id)) registerServiceHandler(id, handler);
  }
}
