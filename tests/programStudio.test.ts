import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createDemoDb } from "./support/demoDb";
import { refusal } from "./support/refusal";
import { auditLog, programs, programVersions } from "../db/schema";
import { createProgram, templatesFor } from "../workflows/services/createProgram";
import { getProgramDetails, updateProgramDetails } from "../workflows/services/programSettingsAdmin";
import { listOpenPrograms } from "../workflows/services/programs";
import { publishDraft } from "../workflows/services/publishProgram";
import { submitApplication } from "../workflows/services/cases";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser; // 王敏, 湖里区总 admin
let worker: SessionUser;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000");
  worker = await demo.userByMobile("13900000001");
});
afterAll(() => demo.close());

const programCount = async () => (await demo.db.select({ id: programs.id }).from(programs)).length;

describe("新建项目 in the studio", () => {
  it("offers the core's templates; a blank program is a draft owned by the admin's district, invisible to workers until published", async () => {
    const offered = (await templatesFor(demo.db, admin)).map((t) => t.key);
    expect(offered).toEqual(expect.arrayContaining(["membership", "tuition-aid", "hardship", "summer-camp"]));

    const { programId } = await createProgram(demo.db, admin, { source: "blank", name: "职工读书月", nameEn: "Reading month", caseNoPrefix: "DSY" });
    const [row] = await demo.db.select().from(programs).where(eq(programs.id, programId));
    expect(row).toMatchObject({ name: "职工读书月", ownerOrgId: "huli", caseNoPattern: "DSY-{yyyy}-{seq:4}" });
    const versions = await demo.db.select().from(programVersions).where(eq(programVersions.programId, programId));
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "draft"]]);
    expect((await listOpenPrograms(demo.db, worker)).map((p) => p.id)).not.toContain(programId);

    expect((await publishDraft(demo.db, admin, programId)).ok).toBe(true);
    expect((await listOpenPrograms(demo.db, worker)).map((p) => p.id)).toContain(programId);
    const { caseNo } = await submitApplication(demo.db, worker, programId, { name: "赵小明", mobile: "13900000001", reason: "报名参加读书分享会" }, "studio-new-1", "zh");
    expect(caseNo).toMatch(/^DSY-\d{4}-0001$/);
  });

  it("from a template: its form, flow and settings, under the admin's name and numbering", async () => {
    const { programId } = await createProgram(demo.db, admin, { source: "hardship", name: "2027年春节困难职工慰问", caseNoPrefix: "CJWW" });
    const [version] = await demo.db.select().from(programVersions).where(eq(programVersions.programId, programId));
    expect((version.formSchema as { fields: { key: string }[] }).fields.map((f) => f.key)).toContain("householdIncome");
    expect(version.bpmnXml).toContain("DistrictCountersign");
  });

  it("refuses bad input beside its field and creates nothing; a worker may not create programs", async () => {
    const before = await programCount();
    const bad = await refusal(createProgram(demo.db, admin, { source: "blank", name: "读", caseNoPrefix: "ds-1" }));
    expect(bad.status).toBe(422);
    expect(bad.fieldErrors?.name).toContain("至少2个字");
    expect(bad.fieldErrors?.caseNoPrefix).toContain("大写字母");
    expect((await refusal(createProgram(demo.db, admin, { source: "no-such-template", name: "测试项目", caseNoPrefix: "CS" }))).fieldErrors?.source).toBeTruthy();
    expect((await refusal(createProgram(demo.db, worker, { source: "blank", name: "测试项目", caseNoPrefix: "CS" }))).status).toBe(403);
    expect(await programCount()).toBe(before);
  });
});

describe("设置 tab", () => {
  let programId: string;
  beforeAll(async () => {
    programId = (await createProgram(demo.db, admin, { source: "summer-camp", name: "寒托班报名", caseNoPrefix: "HTB" })).programId;
  });

  it("saves name, numbering and settings together, with an audit row", async () => {
    const { details, formFields } = await getProgramDetails(demo.db, admin, programId);
    expect(formFields.find((f) => f.key === "childId")?.type).toBe("idNumber");
    const saved = await updateProgramDetails(demo.db, admin, programId, {
      ...details,
      name: "2027寒假托管班",
      caseNoPattern: "HTB{yy}{mm}-{seq:5}",
      settings: { ...details.settings, audience: "members", eligibility: 'orgLevel = "grassroots"', limit: { per: "year", count: 1, keyField: "childId" }, window: { closesAt: "2027-01-10T18:00:00+08:00" } },
    });
    expect(saved.settings.limit).toEqual({ per: "year", count: 1, keyField: "childId" });
    const [row] = await demo.db.select().from(programs).where(eq(programs.id, programId));
    expect(row).toMatchObject({ name: "2027寒假托管班", caseNoPattern: "HTB{yy}{mm}-{seq:5}" });
    const audit = await demo.db.select().from(auditLog).where(eq(auditLog.stream, `program:${programId}`));
    expect(audit.map((a) => a.action)).toContain("program.details");
  });

  it("reports every problem at once, keyed by field, and changes nothing", async () => {
    const { details } = await getProgramDetails(demo.db, admin, programId);
    const err = await refusal(
      updateProgramDetails(demo.db, admin, programId, {
        ...details,
        name: "",
        caseNoPattern: "HTB-{seq}",
        settings: { ...details.settings, eligibility: "orgLevel = ", limit: { per: "year", count: 1, keyField: "noSuchField" } },
      }),
    );
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["caseNoPattern", "name", "settings.eligibility", "settings.limit.keyField"]);
    expect(err.fieldErrors?.caseNoPattern).toContain("{yyyy}");
    const tooVague = await refusal(updateProgramDetails(demo.db, admin, programId, { ...details, settings: { ...details.settings, eligibility: "orgName" } }));
    expect(tooVague.fieldErrors?.["settings.eligibility"]).toContain("是");
    expect((await getProgramDetails(demo.db, admin, programId)).details).toEqual(details);
  });

  it("hands the program to another union the admin runs (主办单位), never one outside their district", async () => {
    const { details, ownerOptions } = await getProgramDetails(demo.db, admin, programId);
    expect(details.ownerOrgId).toBe("huli");
    expect(ownerOptions[0]).toEqual({ id: "huli", name: "湖里区总工会", level: "district" });
    expect(ownerOptions.map((o) => o.id)).toContain("heshan");
    expect(ownerOptions.map((o) => o.id)).not.toContain("xm"); // the city above, and
    expect(ownerOptions.map((o) => o.id)).not.toContain("siming"); // another district
    const outside = await refusal(updateProgramDetails(demo.db, admin, programId, { ...details, ownerOrgId: "siming" }));
    expect(outside.fieldErrors).toEqual({ ownerOrgId: "只能选择您管理范围内、本区的工会 / choose a union of this district that you administer" });
    expect((await updateProgramDetails(demo.db, admin, programId, { ...details, ownerOrgId: "heshan" })).ownerOrgId).toBe("heshan");
    const [row] = await demo.db.select().from(programs).where(eq(programs.id, programId));
    expect(row.ownerOrgId).toBe("heshan");
    await updateProgramDetails(demo.db, admin, programId, { ...details, ownerOrgId: "huli" });
  });

  it("is the owner district's admin's alone", async () => {
    expect((await refusal(getProgramDetails(demo.db, worker, programId))).code).toBe("caseNotFound");
    const siming = await demo.userByMobile("13800000041");
    expect((await refusal(updateProgramDetails(demo.db, siming, programId, {}))).code).toBe("caseNotFound");
  });
});
