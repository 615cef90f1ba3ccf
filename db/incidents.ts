import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "./client";
import { newId } from "./ids";
import { incidents } from "./schema";

export type IncidentRow = typeof incidents.$inferSelect;

export type NewIncident = {
  /** `*` (the default) for installation-wide failures such as a plugin's. */
  tenantId?: string;
  source: string;
  subject: string;
  code: string;
  message: string;
  detail?: Record<string, unknown>;
};

/** Open an incident, or count one more occurrence of the same open one (same source, subject and code). */
export async function recordIncident(db: Queryable, incident: NewIncident): Promise<void> {
  const key = `${incident.source}:${incident.subject}:${incident.code}`;
  const detail = incident.detail ?? {};
  await db
    .insert(incidents)
    .values({ id: newId(), tenantId: incident.tenantId ?? "*", source: incident.source, subject: incident.subject, code: incident.code, key, message: incident.message, detail })
    .onConflictDoUpdate({
      target: incidents.key,
      targetWhere: sql`resolved_at is null`,
      set: { occurrences: sql`${incidents.occurrences} + 1`, lastSeenAt: new Date(), message: incident.message, detail },
    });
}

/** Close every open incident of a subject (e.g. a plugin that now loads cleanly); returns how many. */
export async function resolveIncidents(db: Queryable, source: string, subject: string): Promise<number> {
  const rows = await db
    .update(incidents)
    .set({ resolvedAt: new Date() })
    .where(and(eq(incidents.source, source), eq(incidents.subject, subject), isNull(incidents.resolvedAt)))
    .returning({ id: incidents.id });
  return rows.length;
}

export async function openIncidents(db: Queryable, source: string): Promise<IncidentRow[]> {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.source, source), isNull(incidents.resolvedAt)))
    .orderBy(desc(incidents.lastSeenAt));
}
