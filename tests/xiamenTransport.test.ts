import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog, cases, tasks } from "../db/schema";
import { rowsOf } from "../db/rows";
import { idHash } from "../plugins/xiamen/idHash";
import { transportClaims } from "../plugins/xiamen/schema";
import { applyRefusal, readProgramSettings } from "../workflows/programSettings";
import { getProgramTemplate } from "../workflows/programTemplates";
import { PluginRefusal } from "../workflows/pluginRefusal";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { decideTask, getCaseView, listMyTasks, submitApplication, withdrawCase } from "../workflows/services/cases";
import { loadPluginPage, runPluginPageAction } from "../workflows/services/pluginPages";
import type { SessionUser } from "../workflows/services/identity";
import { createXiamenDb, idNumberFor, transportApplication, type XiamenDb } from "./support/xiamenDb";

let x: XiamenDb;
let huliProgram: string;
let simingProgram: string;
let keySeq = 0;
const key = () => `xm-transport-${++keySeq}-${Date.now()}`;

beforeAll(async () => {
  x = await createXiamenDb();
  await x.openWindow("xiamen-transport");
  huliProgram = await x.programId("xiamen-transport", "huli");
  simingProgram = await x.programId("xiamen-transport", "siming");
});
afterAll(() => x?.close());

const apply = (user: SessionUser, programId: string, data: Record<string, unknown>) => submitApplication(x.db, user, programId, transportApplication(data), key(), "zh");

async function refusalOf(p: Promise<unknown>): Promise<PluginRefusal> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PluginRefusal) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("平安返厦: one application per ID number per year, across every district", () => {
  it("50 simultaneous submissions of one ID from 10 people in 湖里 and 思明 make exactly one case; the others are told why", { timeout: 120_000 }, async () => {
    // Each applies to their own district's copy of the program.
    const people: [SessionUser, string][] = [];
    for (let i = 0; i < 5; i++) people.push([await x.newMember("hs-kuaidi", `湖里会员${i}`), huliProgram], [await x.newMember("zh-shangmao", `思明会员${i}`), simingProgram]);
    const idNumber = idNumberFor(42);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => {
        const [person, programId] = people[i % people.length];
        return apply(person, programId, { idNumber, name: person.name });
      }),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === "fulfilled") continue;
      const err = o.reason as PluginRefusal;
      expect(err).toBeInstanceOf(PluginRefusal);
      expect(err.code).toBe("alreadyClaimed");
      expect(err.status).toBe(409);
      expect(err.messageZh).toBe("该身份证号今年已申请过平安返厦补贴，全市各区合计每人每年限申请一次");
      expect(err.messageEn).toContain("one claim per person per year across all districts");
      expect(err.fieldErrors?.idNumber).toBeTruthy();
    }
    const made = await x.db.select({ id: cases.id }).from(cases).where(inArray(cases.programId, [huliProgram, simingProgram]));
    expect(made).toHaveLength(1);
    const claims = await x.db.select().from(transportClaims).where(eq(transportClaims.year, 2027));
    expect(claims.map((c) => c.caseId)).toEqual([made[0].id]);
  });

  it("counts by ID number, not by account: the same person may apply for another ID, and a withdrawn claim frees the ID", async () => {
    const a = await x.newMember("hs-kuaidi", "甲");
    const b = await x.newMember("zh-shangmao", "乙");
    const id = idNumberFor(7);
    const first = await apply(a, huliProgram, { idNumber: id });
    const err = await refusalOf(apply(b, simingProgram, { idNumber: id.toLowerCase() }));
    expect(err.code).toBe("alreadyClaimed");
    expect((await apply(b, simingProgram, { idNumber: idNumberFor(8) })).status).toBe("running");
    await drainJobs(x.db); // the subsidy is worked out; the case waits for the street office
    await withdrawCase(x.db, a, first.caseId);
    expect((await apply(b, simingProgram, { idNumber: id })).status).toBe("running");
  });

  it("refuses a Xiamen household registration and a date outside the Spring Festival window, writing nothing", async () => {
    const a = await x.newMember("hs-kuaidi");
    const before = (await x.db.select({ n: sql<number>`count(*)::int` }).from(cases))[0].n;
    await expect(apply(a, huliProgram, { idNumber: idNumberFor(9), hukou: { codes: ["35", "3502"] } })).rejects.toMatchObject({ code: "invalidData", status: 422 });
    await expect(apply(a, huliProgram, { idNumber: idNumberFor(9), travelDate: "2027-03-01" })).rejects.toMatchObject({ code: "invalidData", fieldErrors: { travelDate: expect.any(String) } });
    expect((await x.db.select({ n: sql<number>`count(*)::int` }).from(cases))[0].n).toBe(before);
    expect(await x.db.select().from(transportClaims).where(eq(transportClaims.idHash, idHash(idNumberFor(9))!))).toHaveLength(0);
  });

  it("is for union members only, and takes applications from 10 January to 10 March 2027 as shipped", async () => {
    const nonMember = await x.userByMobile("13900000001");
    await expect(apply(nonMember, huliProgram, { idNumber: idNumberFor(10) })).rejects.toMatchObject({ code: "notOpen", messageZh: "本项目仅限工会会员申请，请先办理入会" });
    const shipped = readProgramSettings(getProgramTemplate("xiamen-transport")!.settings);
    const member = { isMember: true, memberNo: "M1", orgLevel: "grassroots", orgName: "x" };
    expect(applyRefusal(shipped, member, new Date("2027-01-09T23:59:00+08:00"))?.code).toBe("notOpenYet");
    expect(applyRefusal(shipped, member, new Date("2027-01-10T00:00:00+08:00"))).toBeNull();
    expect(applyRefusal(shipped, member, new Date("2027-03-10T00:00:00+08:00"))?.code).toBe("closed");
  });

  it("the uniqueness check is an index lookup on the claim table's primary key", async () => {
    await x.db.execute(sql`set enable_seqscan = off`);
    const plan = rowsOf<Record<string, string>>(await x.db.execute(sql`explain select 1 from p_xiamen_transport_claims where year = 2027 and id_hash = 'abc'`))
      .map((r) => Object.values(r)[0])
      .join("\n");
    await x.db.execute(sql`set enable_seqscan = on`);
    expect(plan).toMatch(/Index (Only )?Scan using p_xiamen_transport_claims_pk/);
  });
});

describe("平安返厦: subsidy, street approval and the bank file", () => {
  it("computes the subsidy for the street office, which approves; the district admin exports one audited bank file", async () => {
    const worker = await x.userByMobile("13900000005"); // 林小红, 湖里 member
    const submitted = await apply(worker, huliProgram, { idNumber: "511322198507200039", hukou: { codes: ["51", "5113"] }, fare: 612, name: "林小红" });
    await drainJobs(x.db);
    const street = await x.userByMobile("13800000011"); // 林芳, 禾山街道
    const task = (await listMyTasks(x.db, street)).find((t) => t.caseId === submitted.caseId)!;
    expect(task.taskName).toBe("街道总工会审核");
    const view = await getCaseView(x.db, street, submitted.caseId);
    expect(view.variables).toMatchObject({ subsidy: 400, subsidyTier: 4 });
    // The applicant's estimate, worked out by the plugin's FEEL function in the form (and again on the server).
    expect(view.data.estimatedSubsidy).toBe(400);
    await decideTask(x.db, street, task.taskId, { action: "approve", comment: "" });
    expect((await getCaseView(x.db, worker, submitted.caseId)).status).toBe("approved");

    const admin = await x.userByMobile("13800000000"); // 王敏, 湖里区总 admin
    const page = (await loadPluginPage(x.db, admin, "xiamen", "payouts")).data as { waiting: { districtId: string; count: number; total: string }[] };
    expect(page.waiting).toEqual([{ districtId: "huli", districtName: "湖里区总工会", count: 1, total: "400.00" }]);

    const auditBefore = (await x.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    const result = await runPluginPageAction(x.db, admin, "xiamen", "payouts", "createBatch", { districtId: "huli" });
    const file = result!.file!;
    expect(file.fileName).toMatch(/^XMPA-HULI-\d{8}-[0-9A-F]{6}\.csv$/);
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const [caseRow] = await x.db.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, submitted.caseId));
    expect(file.body).toBe(`\uFEFF户名,银行卡号,开户行,金额,案件编号\r\n林小红,6222021234567890128,中国工商银行厦门湖里支行,400.00,${caseRow.caseNo}\r\n`);
    const audit = await x.db.select().from(auditLog).where(and(eq(auditLog.action, "export"), eq(auditLog.actorId, admin.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0].stream).toBe("privacy:huli");
    expect(audit[0].detail).toMatchObject({ what: "xiamen.payoutBatch.created", count: 1, total: "400.00", districtId: "huli" });
    expect((await x.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n).toBe(auditBefore + 1);

    // Paid once: a second export finds nothing new; the batch downloads again, audited again.
    await expect(runPluginPageAction(x.db, admin, "xiamen", "payouts", "createBatch", { districtId: "huli" })).rejects.toMatchObject({ code: "nothingToPay", status: 409 });
    const batchNo = file.fileName.replace(/\.csv$/, "");
    const again = await runPluginPageAction(x.db, admin, "xiamen", "payouts", "download", { batchNo });
    expect(again!.file!.body).toBe(file.body);
    expect(await x.db.select().from(auditLog).where(and(eq(auditLog.action, "export"), eq(auditLog.actorId, admin.id)))).toHaveLength(2);
  });

  it("the street node allows bulk approval", async () => {
    const [open] = await x.db.select().from(tasks).where(and(eq(tasks.nodeId, "StreetReview"), eq(tasks.status, "open"))).limit(1);
    expect(open).toBeDefined();
    const res = rowsOf<{ allow: boolean }>(await x.db.execute(sql`select (v.flow_definition -> 'nodes' -> 'StreetReview' -> 'approval' ->> 'allowBulk')::boolean as allow from program_versions v where v.program_id = ${huliProgram}`));
    expect(res[0].allow).toBe(true);
  });

  it("the payout page is for admins of a district with the plugin on; a worker or another district's admin gets nothing", async () => {
    const worker = await x.userByMobile("13900000005");
    await expect(loadPluginPage(x.db, worker, "xiamen", "payouts")).rejects.toMatchObject({ code: "pageNotFound", status: 404 });
    const admin = await x.userByMobile("13800000000");
    await expect(runPluginPageAction(x.db, admin, "xiamen", "payouts", "createBatch", { districtId: "siming" })).rejects.toMatchObject({ code: "notYourDistrict", status: 403 });
  });
});
