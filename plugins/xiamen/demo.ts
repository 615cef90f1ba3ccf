import { medicalEnrollments } from "./schema";
import { idHash } from "./idHash";
import type { XmDb } from "./rows";

/**
 * Demo people for the Xiamen programs (README, demo logins): who is on the 医疗互助 roll.
 * 赵小明 and 林小红 are enrolled for 2026 and 2027; 周杰's number is not, to show the refusal path.
 */
export const DEMO_MEDICAL_ROLL = [
  { name: "赵小明", idNumber: "360102199003150022" },
  { name: "林小红", idNumber: "511322198507200039" },
];

/** Put the demo people on the enrolment roll (idempotent). Only for the demo seed, never at install. */
export async function seedXiamenDemo(db: XmDb): Promise<void> {
  for (const year of [2026, 2027]) {
    for (const p of DEMO_MEDICAL_ROLL) {
      await db
        .insert(medicalEnrollments)
        .values({ id: `demo-${year}-${p.idNumber}`, tenantId: "xiamen", year, idHash: idHash(p.idNumber)!, name: p.name })
        .onConflictDoNothing();
    }
  }
}
