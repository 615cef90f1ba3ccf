import type { Queryable } from "../db/client";

/** What a service-task handler gets: the case it works for and the database to do it with. */
export type ServiceContext = {
  db: Queryable;
  tenantId: string;
  caseId: string;
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

const handlers = new Map<string, ServiceHandler>();

/** Plugins and the core register handlers by id; a duplicate id is a configuration error. */
export function registerServiceHandler(id: string, handler: ServiceHandler): void {
  if (handlers.has(id)) throw new Error(`服务任务处理器重复注册 / service handler "${id}" is already registered`);
  handlers.set(id, handler);
}

export function getServiceHandler(id: string): ServiceHandler | undefined {
  return handlers.get(id);
}

export function serviceHandlerIds(): string[] {
  return [...handlers.keys()].sort();
}
