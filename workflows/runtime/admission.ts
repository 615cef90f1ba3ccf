import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { newId } from "../../db/ids";
import { applicationQuotas, seatPools, seats, waitlistEntries } from "../../db/schema";
import { rowsOf } from "../../db/rows";
import { lookupHash } from "../../db/sealedValue";
import { limitMessage, periodKeyOf, readProgramSettings, seatPoolOf } from "../programSettings";
import { CaseCommandError } from "./errors";

type ProgramRow = { id: string; tenantId: string; settings: unknown };

/**
 * Who a per-person limit counts: the applicant, or a form field such as a child's 身份证号 —
 * by its keyed hash, the same one stored beside the sealed value (a plain SHA-256 of an ID
 * number could be reversed by trying every birth date and sequence).
 */
function personKeyOf(keyField: string | undefined, applicantId: string, data: Record<string, unknown>): string {
  if (!keyField) return `user:${applicantId}`;
  const value = String(data[keyField] ?? "").trim().toUpperCase();
  return `field:${lookupHash(value)}`;
}

/**
 * Take the first free slot of the person's limit for the period. The unique index settles
 * concurrent submissions: a second transaction inserting the same slot waits for the first
 * and then finds it taken.
 */
export async function takeQuota(tx: Tx, program: ProgramRow, applicantId: string, data: Record<string, unknown>, holderId: string, at: Date): Promise<void> {
  const { limit } = readProgramSettings(program.settings);
  if (!limit) return;
  const personKey = personKeyOf(limit.keyField, applicantId, data);
  const periodKey = periodKeyOf(limit, at);
  for (let slot = 1; slot <= limit.count; slot++) {
    const res = await tx.execute(sql`
      insert into application_quotas (id, tenant_id, program_id, person_key, period_key, slot, holder_id, created_at)
      values (${newId()}, ${program.tenantId}, ${program.id}, ${personKey}, ${periodKey}, ${slot}, ${holderId}, ${at.toISOString()})
      on conflict (program_id, person_key, period_key, slot) do nothing
      returning id`);
    if (rowsOf(res).length) return;
  }
  const m = limitMessage(limit);
  throw new CaseCommandError("limitReached", m.zh, m.en, 409);
}

export type SeatOutcome = { kind: "none" } | { kind: "seat"; poolId: string } | { kind: "waitlist"; poolId: string };

/**
 * Take a seat by a conditional update (`taken < capacity`): the row lock queues concurrent
 * enrolments and none can oversell. A full pool puts the application on the waitlist, or
 * refuses it when the program keeps no waitlist.
 */
export async function takeSeat(tx: Tx, program: ProgramRow, data: Record<string, unknown>): Promise<SeatOutcome> {
  const settings = readProgramSettings(program.settings);
  const pool = seatPoolOf(settings, data);
  if (!pool) return { kind: "none" };
  const field = settings.capacity?.field ?? "_form";
  if (pool.capacity === undefined) {
    throw new CaseCommandError("invalidData", "请修改标红的项目后再提交", "Please correct the fields marked in red", 422, { [field]: "所选项目没有名额 / The chosen option has no seats" });
  }
  await tx
    .insert(seatPools)
    .values({ id: newId(), tenantId: program.tenantId, programId: program.id, poolKey: pool.poolKey, capacity: pool.capacity })
    .onConflictDoNothing();
  const taken = await tx.execute(sql`
    update seat_pools set taken = taken + 1
    where program_id = ${program.id} and pool_key = ${pool.poolKey} and taken < capacity
    returning id`);
  const [row] = rowsOf<{ id: string }>(taken);
  if (row) return { kind: "seat", poolId: row.id };
  const [full] = await tx.select({ id: seatPools.id }).from(seatPools).where(and(eq(seatPools.programId, program.id), eq(seatPools.poolKey, pool.poolKey)));
  if (settings.capacity?.waitlist) return { kind: "waitlist", poolId: full.id };
  throw new CaseCommandError("full", "名额已满，无法报名", "All seats are taken; enrolment is closed", 409, { [field]: "名额已满 / No seats left" });
}

export async function holdSeat(tx: Tx, tenantId: string, poolId: string, caseId: string, at: Date): Promise<void> {
  await tx.insert(seats).values({ id: newId(), tenantId, poolId, caseId, createdAt: at });
}

/** Position in the pool's queue (1 = next to be promoted). */
export async function waitlistPosition(tx: Tx, poolId: string, entryId: string): Promise<number> {
  const res = await tx.execute(sql`
    select count(*)::int as n from waitlist_entries w, waitlist_entries me
    where me.id = ${entryId} and w.pool_id = ${poolId} and w.status = 'waiting'
      and (w.created_at, w.id) <= (me.created_at, me.id)`);
  return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
}

/**
 * A case that ends without being granted (withdrawn, rejected) gives back its quota slot and
 * its seat; returns the pool whose seat was freed, so the caller can promote the waitlist.
 */
export async function releaseCase(tx: Tx, caseId: string): Promise<string | null> {
  await tx.delete(applicationQuotas).where(eq(applicationQuotas.holderId, caseId));
  const [seat] = await tx.delete(seats).where(eq(seats.caseId, caseId)).returning({ poolId: seats.poolId });
  if (!seat) return null;
  await tx.execute(sql`update seat_pools set taken = taken - 1 where id = ${seat.poolId}`);
  return seat.poolId;
}

/** The earliest waiting entry of a pool, locked so two releases never promote the same one. */
export async function nextWaiting(tx: Tx, poolId: string) {
  const [entry] = await tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.poolId, poolId), eq(waitlistEntries.status, "waiting")))
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
    .limit(1)
    .for("update", { skipLocked: true });
  return entry;
}

/** Re-take a freed seat for a promotion; false if someone else took it in between. */
export async function retakeSeat(tx: Tx, poolId: string): Promise<boolean> {
  const res = await tx.execute(sql`update seat_pools set taken = taken + 1 where id = ${poolId} and taken < capacity returning id`);
  return rowsOf(res).length > 0;
}
