import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { cases } from "../db/schema";
import { AppClient } from "./support/appClient";
import { membershipApplication } from "./support/demoDb";
import { useDemoApp } from "./support/demoApp";

const ctx = useDemoApp();

async function signedIn(mobile: string, address = "127.0.0.1") {
  const client = new AppClient(ctx.app, address);
  const res = await client.signIn(mobile, DEMO_PASSWORD);
  expect(res.status).toBe(302);
  expect(client.cookies.has("nj_session")).toBe(true);
  return client;
}

const caseCount = async () => (await ctx.demo.db.select({ id: cases.id }).from(cases)).length;

describe("HTTP: sign-in, CSRF, limits", () => {
  it("serves the sign-in page in Chinese with a CSRF cookie", async () => {
    const client = new AppClient(ctx.app);
    const res = await client.get("/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("手机号");
    expect(html).toContain("演示账号");
    expect(html).toContain('lang="zh-CN"');
    expect(client.cookies.has("nj_csrf")).toBe(true);
  });

  it("switches the UI to English and back", async () => {
    const client = new AppClient(ctx.app);
    await client.get("/login");
    const switched = await client.post("/lang", { lang: "en" });
    expect(switched.status).toBe(302);
    const english = await (await client.get("/login")).text();
    expect(english).toContain('lang="en"');
    expect(english).toContain("Demo accounts");
    expect(english).toContain("Mobile");
  });

  it("sends signed-out visitors to the sign-in page", async () => {
    const res = await new AppClient(ctx.app).get("/portal");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?next=%2Fportal/);
  });

  it("refuses a mutation with a missing or forged CSRF token and changes nothing", async () => {
    const client = new AppClient(ctx.app);
    await client.get("/login");
    const missing = await client.post("/login", { mobile: "13900000001", password: DEMO_PASSWORD }, { csrf: null });
    expect(missing.status).toBe(403);
    const forged = await client.post("/login", { mobile: "13900000001", password: DEMO_PASSWORD }, { csrf: "x".repeat(32) });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("页面已过期，请刷新后重试");
    expect(client.cookies.has("nj_session")).toBe(false);
  });

  it("rate-limits sign-in after 5 failures per mobile and address, with a clear message", async () => {
    const client = new AppClient(ctx.app, "10.1.2.3");
    for (let i = 0; i < 5; i++) expect((await client.signIn("13900000009", "wrong-password")).status).toBe(401);
    const limited = await client.signIn("13900000009", DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("登录失败次数过多");
    // Another address is not punished for this one's failures.
    expect((await new AppClient(ctx.app, "10.9.9.9").signIn("13900000009", DEMO_PASSWORD)).status).toBe(302);
  });

  it("refuses an oversized body with 413", async () => {
    const client = await signedIn("13900000001");
    const res = await client.post(`/portal/programs/${ctx.programId}`, { submitKey: "abcdefgh1234", payload: "x".repeat(1_200_000) });
    expect(res.status).toBe(413);
  });
});

describe("HTTP: applying and deciding", () => {
  it("an invalid 身份证号 gets a 4xx naming the field, and no case", async () => {
    const client = await signedIn("13900000001");
    const before = await caseCount();
    const res = await client.post(`/portal/programs/${ctx.programId}`, {
      submitKey: "http-bad-id-0001",
      payload: JSON.stringify(membershipApplication({ name: "赵小明", mobile: "13900000001", idNumber: "110105194912310021" })),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("身份证");
    expect(await caseCount()).toBe(before);
  });

  it("a double-clicked submit lands on one case", async () => {
    const client = await signedIn("13900000001");
    const fields = { submitKey: "http-double-0001", payload: JSON.stringify(membershipApplication({ name: "赵小明", mobile: "13900000001" })) };
    const [a, b] = await Promise.all([client.post(`/portal/programs/${ctx.programId}`, fields), client.post(`/portal/programs/${ctx.programId}`, fields)]);
    expect(a.status).toBe(302);
    expect(b.status).toBe(302);
    expect(a.headers.get("Location")).toBe(b.headers.get("Location"));
  });

  it("the approver approves through the inbox; others cannot see the case", async () => {
    const worker = await signedIn("13900000003");
    const submitted = await worker.post(`/portal/programs/${ctx.programId}`, { submitKey: "http-flow-0001", payload: JSON.stringify(membershipApplication()) });
    const casePath = submitted.headers.get("Location")!;
    expect(casePath).toMatch(/^\/portal\/cases\//);
    expect((await worker.get(casePath)).status).toBe(200);

    expect((await (await signedIn("13900000004")).get(casePath)).status).toBe(404);
    expect((await (await signedIn("13800000041")).get(casePath)).status).toBe(404);

    const approver = await signedIn("13800000002");
    const inbox = await (await approver.get("/inbox")).text();
    const taskPath = /href="(\/inbox\/tasks\/[0-9a-f-]{36})"/.exec(inbox)?.[1];
    expect(taskPath).toBeTruthy();
    // While the task is open the approver reads the case on the task page (under their step's field access).
    const viaPortal = await approver.get(casePath);
    expect(viaPortal.status).toBe(302);
    expect(viaPortal.headers.get("Location")).toBe(taskPath);
    const noComment = await approver.post(taskPath!, { decision: "reject", comment: "" });
    expect(noComment.status).toBe(422);
    const ok = await approver.post(taskPath!, { decision: "approve", comment: "同意" });
    expect(ok.status).toBe(302);
    const again = await approver.post(taskPath!, { decision: "approve", comment: "同意" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("已被处理");
  });
});
