/**
 * Seat grab (暑托班): REQUESTS simultaneous enrolments for SEATS seats through the real service
 * (validation, per-child limit, seat update, case creation), on DATABASE_URL or embedded PGlite.
 * Prints outcome counts and the median and p95 latency a parent waits for an answer.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/seatGrab.ts [requests] [seats]
 */
import { createDemoDb } from "../tests/support/demoDb";
import { seatGrab } from "../tests/support/seatGrab";

const requests = Number(process.argv[2] ?? (process.env.DATABASE_URL ? 2000 : 200));
const seats = Number(process.argv[3] ?? Math.max(1, Math.round(requests / 20)));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const demo = await createDemoDb();
try {
  const admin = await demo.userByMobile("13800000000");
  const parents = await Promise.all(["13900000001", "13900000002", "13900000003", "13900000004"].map((m) => demo.userByMobile(m)));
  const t0 = Date.now();
  const r = await seatGrab(demo.db, admin, parents, { requests, seats, duplicates: Math.floor(requests / 20), waitlist: false, code: `bench-${Date.now()}` });
  const wall = (Date.now() - t0) / 1000;
  console.log(`database: ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (embedded)"}`);
  console.log(`requests ${requests}, seats ${seats}: enrolled ${r.enrolled}, full ${r.full}, same child refused ${r.limit}, other ${r.other.length}`);
  console.log(`latency median ${percentile(r.latenciesMs, 0.5).toFixed(0)} ms, p95 ${percentile(r.latenciesMs, 0.95).toFixed(0)} ms, max ${percentile(r.latenciesMs, 1).toFixed(0)} ms`);
  console.log(`wall ${wall.toFixed(1)} s, ${(requests / wall).toFixed(0)} requests/s`);
} finally {
  await demo.close();
}
