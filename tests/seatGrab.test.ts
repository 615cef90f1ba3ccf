import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { childId, seatGrab } from "./support/seatGrab";
import { cases, seatPools, waitlistEntries } from "../db/schema";
import { rowsOf } from "../db/rows";
import { openCaseData } from "../db/caseData";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;
let parents: SessionUser[];

// The full burst (2,000 requests for 100 seats) runs on real PostgreSQL; embedded PGlite has a
// single connection, so it runs a smaller burst of the same shape.
const onPostgres = Boolean(process.env.DATABASE_URL);
const REQUESTS = onPostgres ? 2000 : 200;
const SEATS = onPostgres ? 100 : 20;
const DUPLICATES = REQUESTS / 20;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  parents = await Promise.all(["13900000001", "13900000002", "13900000003", "13900000004"].map((m) => demo.userByMobile(m)));
});
afterAll(() => demo.close());

describe("seat grab under a burst (暑托班)", () => {
  it(`${REQUESTS} simultaneous enrolments for ${SEATS} seats: exactly ${SEATS} enrolled, the rest told the class is full, no child twice`, { timeout: 300_000 }, async () => {
    const r = await seatGrab(demo.db, admin, parents, { requests: REQUESTS, seats: SEATS, duplicates: DUPLICATES, waitlist: false, code: "grab-full" });
    expect(r.other).toEqual([]);
    expect(r.enrolled).toBe(SEATS);
    expect(r.enrolled + r.full + r.limit).toBe(REQUESTS);
    const enrolled = await demo.db.select({ data: cases.data }).from(cases).where(eq(cases.programId, r.programId));
    expect(enrolled).toHaveLength(SEATS);
    // 身份证号 are stored sealed: compare the opened values.
    const children = enrolled.map((c) => openCaseData(c.data as { childId: string }).childId);
    expect(new Set(children).size).toBe(SEATS);
    const [pool] = await demo.db.select().from(seatPools).where(eq(seatPools.programId, r.programId));
    expect(pool.taken).toBe(SEATS);
    // Case numbers stay unique and gap-free under the burst.
    const res = await demo.db.execute(sql`select count(distinct case_no)::int as n from cases where program_id = ${r.programId}`);
    expect(Number(rowsOf<{ n: number }>(res)[0].n)).toBe(SEATS);
  });

  it("with a waitlist, the rest wait in order and no child waits twice", { timeout: 300_000 }, async () => {
    const requests = REQUESTS / 4;
    const duplicates = Math.floor(requests / 10);
    const r = await seatGrab(demo.db, admin, parents, { requests, seats: SEATS / 2, duplicates, waitlist: true, code: "grab-wait" });
    expect(r.other).toEqual([]);
    expect(r.enrolled).toBe(SEATS / 2);
    expect(r.limit).toBe(duplicates);
    expect(r.waitlisted).toBe(requests - SEATS / 2 - duplicates);
    const waiting = await demo.db.select({ data: waitlistEntries.data }).from(waitlistEntries).where(eq(waitlistEntries.programId, r.programId));
    const childOf = (data: unknown) => openCaseData(data as { childId: string }).childId;
    const all = [...waiting.map((w) => childOf(w.data)), ...(await demo.db.select({ data: cases.data }).from(cases).where(eq(cases.programId, r.programId))).map((c) => childOf(c.data))];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(childId(0));
  });
});
