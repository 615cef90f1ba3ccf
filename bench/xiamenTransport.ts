/**
 * 平安返厦 at Spring-Festival scale: N applications through the real service (validation,
 * members-only gate, the one-claim-per-ID-per-year admission hook, case creation), CONCURRENCY at
 * a time, from members of both Xiamen districts; a share of them repeat an ID already sent (the
 * same person on a second phone) and must be refused. Prints submissions/s, latency and how long
 * the job worker takes to compute every subsidy. On DATABASE_URL or embedded PGlite.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/xiamenTransport.ts [n] [concurrency]
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { rowsOf } from "../db/rows";
import { PluginRefusal } from "../workflows/pluginRefusal";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { submitApplication } from "../workflows/services/cases";
import type { SessionUser } from "../workflows/services/identity";
import { createXiamenDb, idNumberFor, transportApplication } from "../tests/support/xiamenDb";

const n = Number(process.argv[2] ?? (process.env.DATABASE_URL ? 5000 : 1000));
const concurrency = Number(process.argv[3] ?? (process.env.DATABASE_URL ? 32 : 8));
const duplicateShare = 0.05;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const x = await createXiamenDb();
try {
  await x.openWindow("xiamen-transport");
  const programs = { huli: await x.programId("xiamen-transport", "huli"), siming: await x.programId("xiamen-transport", "siming") };
  const members: [SessionUser, string][] = [];
  for (let i = 0; i < 20; i++) members.push([await x.newMember(i % 2 ? "zh-shangmao" : "hs-kuaidi", `会员${i}`), i % 2 ? programs.siming : programs.huli]);
  const unique = Math.round(n * (1 - duplicateShare));
  const out = { created: 0, refused: 0, other: [] as string[], latencies: [] as number[] };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const [member, programId] = members[i % members.length];
        const idNumber = idNumberFor(i < unique ? i : i % unique);
        const started = performance.now();
        try {
          await submitApplication(x.db, member, programId, transportApplication({ idNumber, name: member.name }), `bench-${i}-${Date.now()}`, "zh");
          out.created++;
        } catch (err) {
          if (err instanceof PluginRefusal && err.code === "alreadyClaimed") out.refused++;
          else out.other.push(String(err));
        } finally {
          out.latencies.push(performance.now() - started);
        }
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const jobs = await drainJobs(x.db);
  const drain = (performance.now() - t1) / 1000;
  const [claims] = rowsOf<{ n: number }>(await x.db.execute(sql`select count(*)::int as n from p_xiamen_transport_claims`));
  console.log(`database: ${x.kind === "postgres" ? "PostgreSQL" : "PGlite (embedded)"}, ${n} applications, ${concurrency} at a time, ${n - unique} repeat an ID`);
  console.log(`created ${out.created}, refused as already claimed ${out.refused}, other ${out.other.length}${out.other.length ? ` (${out.other[0]})` : ""}; claim rows ${claims.n}`);
  console.log(`submissions: ${(n / wall).toFixed(0)}/s over ${wall.toFixed(1)} s; latency median ${percentile(out.latencies, 0.5).toFixed(0)} ms, p95 ${percentile(out.latencies, 0.95).toFixed(0)} ms`);
  console.log(`subsidies computed by the job worker: ${jobs} jobs in ${drain.toFixed(1)} s (${(jobs / drain).toFixed(0)}/s, one worker)`);
  console.log(`at this rate 100,000 applications take ${(100_000 / (n / wall) / 60).toFixed(1)} min of submissions`);
} finally {
  await x.close();
}
