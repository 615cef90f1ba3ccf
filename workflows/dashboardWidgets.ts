import { sharedRegistry } from "../forms/registry";
import type { Queryable } from "../db/client";
import type { SessionUser } from "./services/identity";

/** A tile on an admin's dashboard: the loader returns what it shows, scoped to the viewer. */
export type DashboardWidget = {
  id: string;
  title: { zh: string; en: string };
  loader: (ctx: { db: Queryable; user: SessionUser }) => Promise<unknown>;
};

export const dashboardWidgetRegistry = sharedRegistry<DashboardWidget>({ id: "dashboardWidget", zh: "看板组件", en: "dashboard widget" });
