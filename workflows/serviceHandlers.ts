import type { Queryable } from "../db/client";
import { sharedRegistry } from "../forms/registry";

/** What a service-task handler gets: the case it works for and the database to do it with. */
export type ServiceContext = {
  db: Queryable;
  tenantId: string;
  caseId: string;
  /** The program's code (its template key for a plugin's program), e.g. to look up a rule for it. */
  programCode: string;
  applicantId: string;
  nodeId: string;
  /** Unique per call: handlers use it to be idempotent when a job is retried after a crash. */
  jobKey: string;
  data: Record<string, unknown>;
  variables: Record<string, unknown>;
  payload: unknown;
};

/** Returns variables merged into the case (visible to later conditions and to approvers). */
export type ServiceHandler = (ctx: ServiceContext) => Promise<Record<string, unknown>>;

export const serviceHandlerRegistry = sharedRegistry<ServiceHandler>({ id: "serviceHandler", zh: "服务任务处理器", en: "service-task handler" });

/** Plugins and the core register handlers by id; a duplicate id is a configuration error. */
export function registerServiceHandler(id: string, handler: ServiceHandler, owner?: string): void {
  serviceHandlerRegistry.register(id, handler, owner);
}

export function getServiceHandler(id: string): ServiceHandler | undefined {
  return serviceHandlerRegistry.get(id);
}

export function serviceHandlerIds(): string[] {
  return serviceHandlerRegistry.keys().sort();
}
