import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { programs, seatPools, waitlistEntries } from "../../db/schema";
import { readProgramSettings, type Refusal } from "../programSettings";
import { waitlistPosition } from "../runtime/admission";
import type { Tx } from "../../db/client";
import { whyNotApply } from "./applyGate";
import type { SessionUser } from "./identity";

export type SeatsLeft = { left: number; capacity: number; waitlist: boolean; byOption: { value: string; left: number; capacity: number }[] };

export type Availability = { opensAt: string | null; closesAt: string | null; refusal: Refusal | null; seats: SeatsLeft | null };

/** What a worker sees on a program card: its window, whether they may apply, and seats left. */
export async function availabilityOf(db: Queryable, user: SessionUser, programIds: string[]): Promise<Map<string, Availability>> {
  const result = new Map<string, Availability>();
  if (programIds.length === 0) return result;
  const rows = await db.select({ id: programs.id, settings: programs.settings }).from(programs).where(inArray(programs.id, programIds));
  const pools = await db.select().from(seatPools).where(inArray(seatPools.programId, programIds));
  for (const row of rows) {
    const settings = readProgramSettings(row.settings);
    let seats: SeatsLeft | null = null;
    if (settings.capacity) {
      const seatsOf = settings.capacity.seats;
      const options = typeof seatsOf === "number" ? { "*": seatsOf } : seatsOf;
      const byOption = Object.entries(options).map(([value, capacity]) => {
        const taken = pools.find((p) => p.programId === row.id && p.poolKey === value)?.taken ?? 0;
        return { value, capacity, left: Math.max(0, capacity - taken) };
      });
      seats = { left: byOption.reduce((s, o) => s + o.left, 0), capacity: byOption.reduce((s, o) => s + o.capacity, 0), waitlist: settings.capacity.waitlist, byOption };
    }
    result.set(row.id, { opensAt: settings.window?.opensAt ?? null, closesAt: settings.window?.closesAt ?? null, refusal: await whyNotApply(db, user, row), seats });
  }
  return result;
}

/** The caller's applications still waiting for a seat, with their place in the queue. */
export async function listMyWaitlist(db: Queryable, user: SessionUser) {
  const rows = await db
    .select({ id: waitlistEntries.id, poolId: waitlistEntries.poolId, createdAt: waitlistEntries.createdAt, programName: programs.name, programNameEn: programs.nameEn })
    .from(waitlistEntries)
    .innerJoin(programs, eq(programs.id, waitlistEntries.programId))
    .where(and(eq(waitlistEntries.applicantId, user.id), eq(waitlistEntries.status, "waiting")))
    .orderBy(asc(waitlistEntries.createdAt));
  return Promise.all(rows.map(async (r) => ({ ...r, position: await waitlistPosition(db as Tx, r.poolId, r.id) })));
}
