import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDemoDb, membershipApplication } from "./support/demoDb";
import { refusal } from "./support/refusal";
import { auditLog, programs, tasks } from "../db/schema";
import { submitApplication } from "../workflows/services/cases";
import { grantOrgRole, listOrgPeople, revokeOrgRole } from "../workflows/services/orgPeople";
import type { SessionUser } from "../workflows/services/identity";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let admin: SessionUser;

beforeAll(async () => {
  demo = await createDemoDb();
  admin = await demo.userByMobile("13800000000"); // 王敏, 湖里区总 admin
});
afterAll(() => demo.close());

const names = (people: { name: string }[]) => people.map((p) => p.name);

describe("审批人与管理员 (who approves at each union)", () => {
  it("lists the unions under the admin, highest first, with their approvers and admins, mobiles masked", async () => {
    const orgs = await listOrgPeople(demo.db, admin);
    expect(orgs[0]).toMatchObject({ id: "huli", depth: 0, admin: [{ name: "王敏", mobile: "138****0000" }] });
    expect(names(orgs[0].approver).sort()).toEqual(["何静", "张伟"].sort());
    expect(orgs.find((o) => o.id === "heshan")).toMatchObject({ depth: 1, approver: [{ name: "林芳" }] });
    expect(orgs.map((o) => o.id)).not.toContain("siming");
  });

  it("makes someone an approver of a union; the next case there asks them too", async () => {
    const added = await grantOrgRole(demo.db, admin, { orgId: "hs-keji", role: "approver", mobile: "13900000003" });
    expect(added).toMatchObject({ name: "孙丽", mobile: "139****0003" });
    expect(names((await listOrgPeople(demo.db, admin)).find((o) => o.id === "hs-keji")!.approver)).toEqual(["黄志明", "孙丽"].sort((a, b) => a.localeCompare(b, "zh")));
    const [membership] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
    const zhou = await demo.userByMobile("13900000004"); // 周杰, 科技公司工会
    const { caseId } = await submitApplication(demo.db, zhou, membership.id, membershipApplication({ name: "周杰", mobile: "13900000004" }), "people-keji-1", "zh");
    const asked = await demo.db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.caseId, caseId));
    expect(asked.map((a) => a.assigneeId)).toContain(added.userId);
    const audit = await demo.db.select().from(auditLog).where(eq(auditLog.stream, "org:huli"));
    expect(audit.map((a) => [a.action, a.detail])).toEqual([["org.role_granted", { orgId: "hs-keji", role: "approver", userId: added.userId }]]);
  });

  it("refuses an unknown or other district's mobile, a union outside the admin's, a bad role — beside the field; workers may not", async () => {
    expect((await refusal(grantOrgRole(demo.db, admin, { orgId: "heshan", role: "approver", mobile: "13999999999" }))).fieldErrors).toEqual({ mobile: expect.stringContaining("本区没有使用该手机号的人员") });
    expect((await refusal(grantOrgRole(demo.db, admin, { orgId: "heshan", role: "approver", mobile: "13800000041" }))).fieldErrors).toEqual({ mobile: expect.stringContaining("本区没有") });
    expect((await refusal(grantOrgRole(demo.db, admin, { orgId: "siming", role: "approver", mobile: "13900000001" }))).fieldErrors).toEqual({ orgId: expect.stringContaining("您管理的工会") });
    const bad = await refusal(grantOrgRole(demo.db, admin, { orgId: "heshan", role: "member", mobile: "1380" }));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["mobile", "role"]);
    expect((await refusal(grantOrgRole(demo.db, await demo.userByMobile("13900000001"), { orgId: "heshan", role: "approver", mobile: "13900000002" }))).status).toBe(403);
  });

  it("takes a role back, but never the admin's own admin role", async () => {
    const sun = await demo.userByMobile("13900000003");
    await revokeOrgRole(demo.db, admin, { orgId: "hs-keji", role: "approver", userId: sun.id });
    expect(names((await listOrgPeople(demo.db, admin)).find((o) => o.id === "hs-keji")!.approver)).toEqual(["黄志明"]);
    expect((await refusal(revokeOrgRole(demo.db, admin, { orgId: "hs-keji", role: "approver", userId: sun.id }))).status).toBe(404);
    expect((await refusal(revokeOrgRole(demo.db, admin, { orgId: "huli", role: "admin", userId: admin.id }))).status).toBe(403);
    expect((await refusal(revokeOrgRole(demo.db, admin, { orgId: "siming", role: "approver", userId: sun.id }))).status).toBe(404);
  });
});
