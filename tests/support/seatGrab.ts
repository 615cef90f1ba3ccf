import { performance } from "node:perf_hooks";
import type { Db } from "../../db/client";
import { idNumberCheckChar } from "../../forms/idNumber";
import { submitApplication } from "../../workflows/services/cases";
import { updateProgramSettings } from "../../workflows/services/programSettingsAdmin";
import type { SessionUser } from "../../workflows/services/identity";
import { CaseCommandError } from "../../workflows/runtime/errors";
import { installTestProgram, singleApprovalBpmn } from "./flowPrograms";

/** 暑托班-like enrolment: a child by 身份证号, one class with seats. */
export const enrolForm = {
  schemaVersion: 1,
  id: "seat-grab",
  title: { zh: "暑托班报名", en: "Summer class" },
  fields: [
    { key: "childName", type: "text", label: { zh: "孩子姓名", en: "Child" }, required: true },
    { key: "childId", type: "idNumber", label: { zh: "孩子身份证号", en: "Child ID" }, required: true },
  ],
};

/** The n-th valid child 身份证号 (born 2016, Beijing 东城). */
export function childId(n: number): string {
  const base = `110101201607${String(1 + (Math.floor(n / 1000) % 28)).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`;
  return base + idNumberCheckChar(base);
}

export type GrabOutcome = { enrolled: number; waitlisted: number; full: number; limit: number; other: string[]; latenciesMs: number[] };

/**
 * `requests` enrolments fired at once at a program with `seats` seats; `duplicates` of them
 * repeat a child already in the burst (a parent pressing twice on two phones).
 */
export async function seatGrab(db: Db, admin: SessionUser, parents: SessionUser[], opts: { requests: number; seats: number; duplicates: number; waitlist: boolean; code: string }): Promise<GrabOutcome & { programId: string }> {
  const programId = await installTestProgram(db, opts.code, singleApprovalBpmn('mode="any" actions="approve,reject"', '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>'), "huli", enrolForm);
  await updateProgramSettings(db, admin, programId, { capacity: { seats: opts.seats, waitlist: opts.waitlist }, limit: { per: "year", keyField: "childId" } });
  const unique = opts.requests - opts.duplicates;
  const out: GrabOutcome = { enrolled: 0, waitlisted: 0, full: 0, limit: 0, other: [], latenciesMs: [] };
  await Promise.all(
    Array.from({ length: opts.requests }, async (_, i) => {
      const child = childId(i < unique ? i : i % unique);
      const parent = parents[i % parents.length];
      const t0 = performance.now();
      try {
        const r = await submitApplication(db, parent, programId, { childName: `孩子${i}`, childId: child }, `grab-${opts.code}-${i}`, "zh");
        if (r.status === "waitlisted") out.waitlisted++;
        else out.enrolled++;
      } catch (err) {
        if (err instanceof CaseCommandError && err.code === "full") out.full++;
        else if (err instanceof CaseCommandError && err.code === "limitReached") out.limit++;
        else out.other.push(String(err));
      } finally {
        out.latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  return { ...out, programId };
}
