import { and, asc, count, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { listPluginEnablements } from "../../db/pluginEnablements";
import { cases, programs, tasks, users } from "../../db/schema";
import { CORE_OWNER } from "../../forms/registry";
import { dashboardWidgetRegistry } from "../dashboardWidgets";
import { isPluginActive } from "../pluginCatalog";
import { adminScopeOf, streetOf, type AdminScope } from "./adminScope";
import { caseFilterSql, parseCaseFilters, type CaseFilters } from "./caseFilters";
import type { SessionUser } from "./identity";

type StatusCounts = Record<string, number>;
export type CountRow = { id: string; name: string; nameEn?: string; total: number; byStatus: StatusCounts };
export type NodeTime = { programId: string; programName: string; nodeId: string; nodeName: string; decided: number; medianHours: number };
export type OverdueTask = { taskId: string; caseId: string; caseNo: string; programName: string; nodeName: string; assigneeName: string; dueAt: string; overdueHours: number };
export type WidgetTile = { id: string; title: { zh: string; en: string }; data?: unknown; error?: string };

/** How many overdue tasks the dashboard lists (the count covers all of them). */
export const OVERDUE_LIST_MAX = 50;

function addCount(rows: Map<string, CountRow>, id: string, name: string, status: string, n: number, nameEn?: string) {
  let row = rows.get(id);
  if (!row) rows.set(id, (row = { id, name, ...(nameEn === undefined ? {} : { nameEn }), total: 0, byStatus: {} }));
  row.total += n;
  row.byStatus[status] = (row.byStatus[status] ?? 0) + n;
}

const byTotal = (a: CountRow, b: CountRow) => b.total - a.total || a.name.localeCompare(b.name, "zh");

/**
 * The admin's dashboard over their org subtree: cases by program, status and org (街道 and
 * 基层工会), the median time each approval node takes (created → decided, tasks done), the open
 * tasks past their due time, and the tiles plugins registered (dashboardWidgets).
 */
export async function adminDashboard(db: Db, user: SessionUser, rawFilters: unknown = {}, now = new Date()) {
  const filters = parseCaseFilters(rawFilters);
  const scope = await adminScopeOf(db, user);
  const where = caseFilterSql(scope, filters);

  const grouped = await db
    .select({ programId: cases.programId, programName: programs.name, programNameEn: programs.nameEn, orgId: cases.applicantOrgId, orgPath: cases.applicantOrgPath, status: cases.status, n: count() })
    .from(cases)
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(where)
    .groupBy(cases.programId, programs.name, programs.nameEn, cases.applicantOrgId, cases.applicantOrgPath, cases.status);
  const byProgram = new Map<string, CountRow>();
  const byStreet = new Map<string, CountRow>();
  const byUnit = new Map<string, CountRow>();
  const byStatus: StatusCounts = {};
  let total = 0;
  for (const g of grouped) {
    const n = Number(g.n);
    total += n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + n;
    addCount(byProgram, g.programId, g.programName, g.status, n, g.programNameEn);
    const unit = scope.orgs.get(g.orgId);
    addCount(byUnit, g.orgId, unit?.name ?? g.orgId, g.status, n);
    const street = streetOf(scope, g.orgPath);
    if (street) addCount(byStreet, street.id, street.name, g.status, n);
  }

  const nodeTimes = await medianNodeTimes(db, where);
  const overdue = await overdueTasks(db, where, now);
  return {
    filters,
    total,
    byStatus,
    byProgram: [...byProgram.values()].sort(byTotal),
    byStreet: [...byStreet.values()].sort(byTotal),
    byUnit: [...byUnit.values()].sort(byTotal),
    nodeTimes,
    overdue,
    programs: await programsInScope(db, scope),
    orgs: [...scope.orgs.values()].filter((o) => o.level === "street" || o.level === "grassroots").sort((a, b) => a.path.localeCompare(b.path)).map((o) => ({ id: o.id, name: o.name, level: o.level })),
    widgets: await widgetTiles(db, user, scope),
  };
}

export type AdminDashboard = Awaited<ReturnType<typeof adminDashboard>>;

/** Median hours from a task's creation to its decision, per program and node, over decided tasks. */
async function medianNodeTimes(db: Db, where: ReturnType<typeof caseFilterSql>): Promise<NodeTime[]> {
  const hours = sql<number>`percentile_cont(0.5) within group (order by extract(epoch from ${tasks.completedAt} - ${tasks.createdAt}) / 3600.0)`;
  const rows = await db
    .select({ programId: cases.programId, programName: programs.name, nodeId: tasks.nodeId, nodeName: tasks.name, decided: count(), medianHours: hours })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(and(where, eq(tasks.status, "done")))
    .groupBy(cases.programId, programs.name, tasks.nodeId, tasks.name)
    .orderBy(asc(programs.name), asc(tasks.name));
  return rows.map((r) => ({ ...r, decided: Number(r.decided), medianHours: Math.round(Number(r.medianHours) * 10) / 10 }));
}

/** Open tasks past their due time, most overdue first, and how many there are in all. */
async function overdueTasks(db: Db, where: ReturnType<typeof caseFilterSql>, now: Date): Promise<{ count: number; tasks: OverdueTask[] }> {
  const late = and(where, eq(tasks.status, "open"), lt(tasks.dueAt, now));
  const [{ n }] = await db.select({ n: count() }).from(tasks).innerJoin(cases, eq(cases.id, tasks.caseId)).where(late);
  const rows = await db
    .select({ taskId: tasks.id, caseId: cases.id, caseNo: cases.caseNo, programName: programs.name, nodeName: tasks.name, assigneeName: users.name, dueAt: tasks.dueAt })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(programs, eq(programs.id, cases.programId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(late)
    .orderBy(asc(tasks.dueAt))
    .limit(OVERDUE_LIST_MAX);
  return {
    count: Number(n),
    tasks: rows.map((r) => ({ ...r, dueAt: r.dueAt!.toISOString(), overdueHours: Math.floor((now.getTime() - r.dueAt!.getTime()) / 3_600_000) })),
  };
}

/** Programs with cases in the scope, for the filter and the export choice. */
async function programsInScope(db: Db, scope: AdminScope) {
  const rows = await db
    .selectDistinct({ id: programs.id, name: programs.name, nameEn: programs.nameEn })
    .from(cases)
    .innerJoin(programs, eq(programs.id, cases.programId))
    .where(caseFilterSql(scope, {} as CaseFilters));
  return rows.sort((a, b) => a.name.localeCompare(b.name, "zh"));
}

/**
 * Tiles from the registry: the core's, and those of plugins running here and switched on in a
 * district the admin governs. A tile whose loader fails shows its error; the dashboard stays up.
 */
async function widgetTiles(db: Db, user: SessionUser, scope: AdminScope): Promise<WidgetTile[]> {
  const keys = dashboardWidgetRegistry.keys();
  if (keys.length === 0) return [];
  // Plugins are switched on per district: those in the scope, and the one above a street admin.
  const districts = [...new Set([...[...scope.orgs.values()].filter((o) => o.level === "district").map((o) => o.id), ...scope.paths.flatMap((p) => p.split("/").filter(Boolean))])];
  const on = new Set((await listPluginEnablements(db, districts)).filter((e) => e.enabled).map((e) => e.pluginId));
  const tiles: WidgetTile[] = [];
  for (const key of keys.sort()) {
    const owner = dashboardWidgetRegistry.ownerOf(key) ?? CORE_OWNER;
    if (owner !== CORE_OWNER && !(isPluginActive(owner) && on.has(owner))) continue;
    const widget = dashboardWidgetRegistry.get(key)!;
    try {
      tiles.push({ id: widget.id, title: widget.title, data: JSON.parse(JSON.stringify((await widget.loader({ db, user })) ?? null)) as unknown });
    } catch (err) {
      tiles.push({ id: widget.id, title: widget.title, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return tiles;
}
