import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { appendAudit } from "../../db/audit";
import { openCaseData } from "../../db/caseData";
import { listPluginEnablements } from "../../db/pluginEnablements";
import { orgOfLevel } from "../../db/orgs";
import { programs } from "../../db/schema";
import { isPluginActive } from "../pluginCatalog";
import { getPluginPage, listPluginPages, pluginPageNotFound, type PluginActionResult, type PluginPage, type PluginPageContext, type PluginPageDistrict } from "../pluginPages";
import { PluginRefusal } from "../pluginRefusal";
import { hasRoleOver, type SessionUser } from "./identity";
import { programVisibleTo } from "./programs";

type Locale = "zh" | "en";

/** The plugin that registered the page: its id is the part before the first dot. */
const pluginIdOf = (page: PluginPage) => page.id.slice(0, page.id.indexOf("."));

/**
 * The districts where `page` is open to `user`: the plugin must run in this process and be on
 * in the district. A worker page is open in the district on the user's own chain; an admin page
 * in each district the user governs as admin.
 */
async function districtsFor(db: Db, user: SessionUser, page: PluginPage): Promise<PluginPageDistrict[]> {
  const pluginId = pluginIdOf(page);
  if (!isPluginActive(pluginId)) return [];
  const all = await orgOfLevel(db, "district");
  const mine = all.filter((d) => (page.audience === "admin" ? hasRoleOver(user, "admin", d.path) : user.orgPath.startsWith(d.path)));
  if (mine.length === 0) return [];
  const on = new Set((await listPluginEnablements(db, mine.map((d) => d.id))).filter((e) => e.enabled && e.pluginId === pluginId).map((e) => e.orgId));
  return mine
    .filter((d) => on.has(d.id))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((d) => ({ id: d.id, tenantId: d.tenantId, name: d.name, path: d.path }));
}

async function contextFor(db: Db, user: SessionUser, pluginId: string, name: string, input: Record<string, unknown>, locale: Locale, now: Date): Promise<{ page: PluginPage; ctx: PluginPageContext }> {
  const page = /^[a-z][a-z0-9_]*$/.test(pluginId) && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name) ? getPluginPage(`${pluginId}.${name}`) : undefined;
  if (!page) throw pluginPageNotFound();
  const districts = await districtsFor(db, user, page);
  if (districts.length === 0) throw pluginPageNotFound();
  const audit: PluginPageContext["audit"] = (tx, entry) =>
    appendAudit(tx, { ...entry, actorId: user.id, nodeId: null, caseId: entry.caseId ?? null, comment: entry.comment ?? null, at: now.toISOString() });
  const programIdFor = async (code: string) => {
    for (const p of await db.select({ id: programs.id }).from(programs).where(eq(programs.code, code))) {
      if (await programVisibleTo(db, user, p.id)) return p.id;
    }
    return null;
  };
  return { page, ctx: { db, user, districts, input, locale, now, audit, openCaseData, programIdFor } };
}

export type PluginPageLink = { pluginId: string; name: string; path: string; title: PluginPage["title"]; description: PluginPage["description"] | null; audience: PluginPage["audience"] };

/** The pages of running, switched-on plugins this person may open (linked from the portal). */
export async function listPluginPagesFor(db: Db, user: SessionUser): Promise<PluginPageLink[]> {
  const open: PluginPageLink[] = [];
  for (const page of listPluginPages()) {
    if ((await districtsFor(db, user, page)).length === 0) continue;
    const pluginId = pluginIdOf(page);
    const name = page.id.slice(pluginId.length + 1);
    open.push({ pluginId, name, path: `/p/${pluginId}/${name}`, title: page.title, description: page.description ?? null, audience: page.audience });
  }
  return open;
}

/** What a plugin page shows; 404 where it is not open to the caller. */
export async function loadPluginPage(db: Db, user: SessionUser, pluginId: string, name: string, input: Record<string, unknown> = {}, locale: Locale = "zh", now = new Date()) {
  const { page, ctx } = await contextFor(db, user, pluginId, name, input, locale, now);
  return { id: page.id, title: page.title, audience: page.audience, districts: ctx.districts.map((d) => ({ id: d.id, name: d.name })), data: await page.load(ctx) };
}

/** Run one of a page's actions (a cancellation, a redemption, an export) as the caller. */
export async function runPluginPageAction(db: Db, user: SessionUser, pluginId: string, name: string, action: string, input: Record<string, unknown>, locale: Locale = "zh", now = new Date()): Promise<PluginActionResult> {
  const { page, ctx } = await contextFor(db, user, pluginId, name, input, locale, now);
  const run = Object.hasOwn(page.actions ?? {}, action) ? page.actions![action] : undefined;
  if (!run) throw new PluginRefusal("unknownAction", "不支持的操作", "This page has no such action", 400);
  return run(ctx);
}
