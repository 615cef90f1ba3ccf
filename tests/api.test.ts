import { beforeAll, describe, expect, it } from "vitest";
import { Command } from "commander";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { apiTokens, cases, tasks } from "../db/schema";
import { tokensCommand } from "../cli/tokensCommand";
import { drainJobs } from "../workflows/runtime/jobWorker";
import * as S from "../app/api/apiSchemas.server";
import { AppClient } from "./support/appClient";
import { membershipApplication } from "./support/demoDb";
import { useDemoApp } from "./support/demoApp";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";

const ctx = useDemoApp();

/** `niangjia tokens ...` against the test database. */
async function tokensCli(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  let code = 0;
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => lines.push(s) });
  tokensCommand(program, { out: (l) => lines.push(l), withDb: (fn) => fn(ctx.demo), setExitCode: (c) => (code = c) });
  await program.parseAsync(["node", "niangjia", "tokens", ...args]);
  return { code, lines };
}

async function newToken(mobile: string, ...extra: string[]): Promise<{ token: string; id: string }> {
  const { code, lines } = await tokensCli("create", "--user", mobile, "--name", `测试 ${mobile}`, ...extra);
  expect(code).toBe(0);
  const token = lines.find((l) => l.startsWith("nj_"))!;
  expect(token).toMatch(/^nj_[A-Za-z0-9_-]{43}$/);
  const { id } = JSON.parse(lines[lines.length - 1]) as { id: string };
  return { token, id };
}

type Init = { method?: string; body?: unknown; raw?: string; headers?: Record<string, string>; address?: string };

/** A bearer-token API call; `body` is sent as JSON, `raw` as it is. */
async function api(token: string | null, path: string, init: Init = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set("Authorization", `Bearer ${token}`);
  headers.set("X-Niangjia-Client-Address", init.address ?? "127.0.0.1");
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return ctx.app.fetch(new Request(`http://localhost${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body }));
}

/** The body, checked against the schema the OpenAPI document publishes for it. */
async function read<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.output<S>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
  return schema.parse(JSON.parse(text));
}

async function refusal(res: Response, status: number, code?: string) {
  const body = await read(res, S.ErrorBody, status);
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message).toBeTruthy();
  expect(body.error.messageEn).toBeTruthy();
  return body.error;
}

const submit = (token: string, key: string, data: Record<string, unknown> = membershipApplication(), pid = ctx.programId) =>
  api(token, "/api/v1/cases", { body: { programId: pid, data }, headers: { "Idempotency-Key": key } });

describe("API: a membership application end to end with tokens", () => {
  it("token create → programs → submit 入会 → approver approves → worker sees approved", async () => {
    const worker = (await newToken("13900000003")).token;
    const approver = (await newToken("13800000002")).token;

    const me = await read(await api(worker, "/api/v1/me"), S.Me);
    expect(me).toMatchObject({ name: "孙丽", auth: "token" });
    expect(me.csrfToken).toBeUndefined();

    const list = await read(await api(worker, "/api/v1/programs"), S.ProgramList);
    expect(list.programs.map((p) => p.id)).toContain(ctx.programId);
    const detail = await read(await api(worker, `/api/v1/programs/${ctx.programId}`), S.ProgramDetail);
    expect(detail.name).toBe("入会申请");
    expect(JSON.stringify(detail.formSchema)).toContain("idNumber");

    const created = await submit(worker, "api-flow-0001");
    const step = await read(created, S.CaseStep, 201);
    expect(step.status).toBe("running");
    expect(created.headers.get("Location")).toBe(`/api/v1/cases/${step.caseId}`);

    const mine = await read(await api(worker, "/api/v1/cases"), S.CaseList);
    expect(mine.cases.map((c) => c.id)).toContain(step.caseId);

    const tasks = await read(await api(approver, "/api/v1/tasks"), S.TaskList);
    const task = tasks.tasks.find((t) => t.caseId === step.caseId)!;
    expect(task).toBeTruthy();
    const taskView = await read(await api(approver, `/api/v1/tasks/${task.id}`), S.TaskDetail);
    expect(taskView.allowedActions).toEqual(expect.arrayContaining(["approve", "reject", "return"]));
    expect(taskView.case.data.name).toBe("孙丽");

    await read(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "approve", comment: "同意入会" } }), S.CaseStep);
    await drainJobs(ctx.demo.db); // the membership number is given by a service task, as the server's job worker would

    const seen = await read(await api(worker, `/api/v1/cases/${step.caseId}`), S.CaseDetail);
    expect(seen.status).toBe("approved");
    expect(seen.memberNo).toBeTruthy();
    expect(seen.timeline.some((e) => e.comment === "同意入会" && e.actorName === "陈丽")).toBe(true);

    // Deciding again is 409 已被处理, as in the inbox.
    await refusal(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "approve" } }), 409, "alreadyHandled");
  });

  it("an idempotent submit returns the same case, also under a double send", async () => {
    const { token } = await newToken("13900000004");
    const first = await submit(token, "api-idem-0001", membershipApplication({ name: "周杰", mobile: "13900000004" }));
    const a = await read(first, S.CaseStep, 201);
    const again = await submit(token, "api-idem-0001", membershipApplication({ name: "周杰", mobile: "13900000004" }));
    const b = await read(again, S.CaseStep, 200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(b.caseId).toBe(a.caseId);
    const [x, y] = await Promise.all([submit(token, "api-idem-0002", membershipApplication({ name: "周杰", mobile: "13900000004" })), submit(token, "api-idem-0002", membershipApplication({ name: "周杰", mobile: "13900000004" }))]);
    const [cx, cy] = [await read(x, S.CaseStep, x.status), await read(y, S.CaseStep, y.status)];
    expect(cx.caseId).toBe(cy.caseId);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    const rows = await ctx.demo.db.select({ id: cases.id }).from(cases).where(eq(cases.submitKey, "api-idem-0002"));
    expect(rows).toHaveLength(1);
  });
});

describe("API: validation and errors", () => {
  let token: string;
  beforeAll(async () => {
    token = (await newToken("13900000001")).token;
  });

  it("422 with the one validator's field errors, and no case", async () => {
    const before = (await ctx.demo.db.select({ id: cases.id }).from(cases)).length;
    const res = await submit(token, "api-bad-0001", membershipApplication({ name: "赵小明", mobile: "13900000001", idNumber: "110105194912310021", extra: "x" }));
    const error = await refusal(res, 422, "invalidData");
    expect(error.fieldErrors?.idNumber).toMatch(/身份证/);
    const english = await api(token, "/api/v1/cases", {
      body: { programId: ctx.programId, data: membershipApplication({ idNumber: "110105194912310021" }) },
      headers: { "Idempotency-Key": "api-bad-0002", "Accept-Language": "en-GB,en;q=0.9" },
    });
    expect((await refusal(english, 422)).fieldErrors?.idNumber).toMatch(/[A-Za-z]/);
    expect((await ctx.demo.db.select({ id: cases.id }).from(cases)).length).toBe(before);
  });

  it("400 malformed JSON, 415 wrong type, 413 too large, 422 wrong shape, 400 no idempotency key", async () => {
    const key = { "Idempotency-Key": "api-err-0001" };
    await refusal(await api(token, "/api/v1/cases", { raw: "{not json", headers: { ...key, "Content-Type": "application/json" } }), 400, "malformedJson");
    await refusal(await api(token, "/api/v1/cases", { raw: "programId=x", headers: { ...key, "Content-Type": "application/x-www-form-urlencoded" } }), 415, "unsupportedMediaType");
    await refusal(await api(token, "/api/v1/cases", { raw: JSON.stringify({ programId: ctx.programId, data: { name: "x".repeat(1_100_000) } }), headers: { ...key, "Content-Type": "application/json" } }), 413, "bodyTooLarge");
    const shape = await refusal(await api(token, "/api/v1/cases", { body: { programId: 42, data: [] }, headers: key }), 422, "invalidData");
    expect(Object.keys(shape.fieldErrors ?? {})).toEqual(expect.arrayContaining(["programId", "data"]));
    await refusal(await api(token, "/api/v1/cases", { body: { programId: ctx.programId, data: membershipApplication() } }), 400, "idempotencyKeyRequired");
    await refusal(await api(token, "/api/v1/cases", { body: { programId: "no-such-program", data: {} }, headers: key }), 404);
    await refusal(await api(token, "/api/v1/cases", { raw: "[".repeat(100_000), headers: { ...key, "Content-Type": "application/json" } }), 400, "malformedJson");
  });

  it("405 for the wrong method, JSON 404 for unknown API paths and ids", async () => {
    await refusal(await api(token, "/api/v1/programs", { method: "POST", body: {} }), 405, "methodNotAllowed");
    await refusal(await api(token, "/api/v1/tasks/00000000-0000-0000-0000-000000000000/decision"), 405);
    await refusal(await api(token, "/api/v1/nothing/here"), 404, "notFound");
    await refusal(await api(token, "/api/v1/cases/not-a-uuid"), 404, "caseNotFound");
    await refusal(await api(token, "/api/v1/programs/nope"), 404, "notFound");
  });

  it("a worker is not an approver: /tasks is 403", async () => {
    await refusal(await api(token, "/api/v1/tasks"), 403, "forbidden");
  });

  it("an admin receives tasks (公示, unassignable steps) and may list them", async () => {
    const { token: admin } = await newToken("13800000000");
    await read(await api(admin, "/api/v1/tasks"), S.TaskList);
  });
});

describe("API: authentication", () => {
  it("401 without credentials and for an invalid token, never saying whether a token exists", async () => {
    const none = await api(null, "/api/v1/programs");
    await refusal(none, 401, "unauthorized");
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const wrong = await refusal(await api("nj_" + "A".repeat(43), "/api/v1/programs", { address: "10.0.0.7" }), 401, "invalidToken");
    const garbage = await refusal(await api("garbage", "/api/v1/programs", { address: "10.0.0.7" }), 401, "invalidToken");
    expect(garbage).toEqual(wrong);
    await refusal(await api(null, "/api/v1/programs", { headers: { Authorization: "Basic eDp5" }, address: "10.0.0.7" }), 401, "invalidToken");
  });

  it("a revoked token is 401 like any invalid one; tokens list shows it revoked and never the token", async () => {
    const { token, id } = await newToken("13900000002");
    expect((await api(token, "/api/v1/me")).status).toBe(200);
    expect((await tokensCli("revoke", id)).code).toBe(0);
    const revoked = await refusal(await api(token, "/api/v1/me"), 401, "invalidToken");
    expect(revoked.message).toBe("API 令牌无效、已过期或已吊销");
    expect((await tokensCli("revoke", id)).code).toBe(1);
    const listed = await tokensCli("list", "--user", "13900000002", "--json");
    const rows = JSON.parse(listed.lines.join("\n")) as { id: string; revokedAt: string | null; lastUsedAt: string | null }[];
    const row = rows.find((r) => r.id === id)!;
    expect(row.revokedAt).toBeTruthy();
    expect(row.lastUsedAt).toBeTruthy();
    expect(listed.lines.join("\n")).not.toContain(token);
    const [stored] = await ctx.demo.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));
  });

  it("an expired token is 401; a read-only token may read but not act", async () => {
    const { token: expiring, id } = await newToken("13900000002", "--expires-days", "1");
    await ctx.demo.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, id));
    await refusal(await api(expiring, "/api/v1/me"), 401, "invalidToken");
    const { token: reader } = await newToken("13900000002", "--scope", "read");
    expect((await api(reader, "/api/v1/cases")).status).toBe(200);
    await refusal(await submit(reader, "api-read-0001", membershipApplication({ name: "钱多多", mobile: "13900000002" })), 403, "tokenReadOnly");
    expect((await tokensCli("create", "--user", "13900000002", "--name", "x", "--scope", "admin")).code).toBe(1);
    expect((await tokensCli("create", "--user", "13700000000", "--name", "x")).code).toBe(1);
  });

  it("an address sending many wrong tokens is told to wait (429); other addresses are not", async () => {
    for (let i = 0; i < 20; i++) expect((await api(`nj_${String(i).padStart(43, "x")}`, "/api/v1/me", { address: "10.6.6.6" })).status).toBe(401);
    const limited = await api(`nj_${"y".repeat(43)}`, "/api/v1/me", { address: "10.6.6.6" });
    await refusal(limited, 429, "tokenRateLimited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const { token } = await newToken("13900000002");
    expect((await api(token, "/api/v1/me", { address: "10.6.6.7" })).status).toBe(200);
  });

  it("session cookie: reads work, POST needs X-CSRF-Token matching the cookie", async () => {
    const client = new AppClient(ctx.app);
    expect((await client.signIn("13900000002", DEMO_PASSWORD)).status).toBe(302);
    const me = await read(await client.get("/api/v1/me"), S.Me);
    expect(me.auth).toBe("session");
    const csrf = me.csrfToken!;
    expect(csrf).toBe(await client.csrf());
    const post = (headers: Record<string, string>) =>
      client.request("/api/v1/cases", {
        method: "POST",
        body: JSON.stringify({ programId: ctx.programId, data: membershipApplication({ name: "钱多多", mobile: "13900000002" }) }),
        headers: { "Content-Type": "application/json", "Idempotency-Key": "api-cookie-0001", ...headers },
      });
    const before = (await ctx.demo.db.select({ id: cases.id }).from(cases)).length;
    await refusal(await post({}), 403, "csrfFailed");
    await refusal(await post({ "X-CSRF-Token": "x".repeat(32) }), 403, "csrfFailed");
    expect((await ctx.demo.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    const ok = await read(await post({ "X-CSRF-Token": csrf }), S.CaseStep, 201);
    expect(ok.status).toBe("running");
  });
});

describe("API: scoping, withdraw, return and resubmit, hand-offs", () => {
  it("another district cannot see the case (404), nor can a colleague from another union", async () => {
    const worker = (await newToken("13900000003")).token;
    const step = await read(await submit(worker, "api-scope-0001"), S.CaseStep, 201);
    for (const mobile of ["13800000041", "13900000009", "13800000003"]) {
      const other = (await newToken(mobile)).token;
      await refusal(await api(other, `/api/v1/cases/${step.caseId}`), 404, "caseNotFound");
      await refusal(await api(other, `/api/v1/cases/${step.caseId}/withdraw`, { method: "POST" }), 404, "caseNotFound");
    }
    const outsider = (await newToken("13800000041")).token;
    const tasks = await read(await api(outsider, "/api/v1/tasks"), S.TaskList);
    expect(tasks.tasks.some((t) => t.caseId === step.caseId)).toBe(false);
  });

  it("withdraw, then return and resubmit with corrected data", async () => {
    const worker = (await newToken("13900000001")).token;
    const approver = (await newToken("13800000001")).token;
    const data = membershipApplication({ name: "赵小明", mobile: "13900000001" });

    const gone = await read(await submit(worker, "api-withdraw-0001", data), S.CaseStep, 201);
    expect((await read(await api(worker, `/api/v1/cases/${gone.caseId}`), S.CaseDetail)).canWithdraw).toBe(true);
    expect((await read(await api(worker, `/api/v1/cases/${gone.caseId}/withdraw`, { method: "POST" }), S.CaseStep)).status).toBe("withdrawn");
    await refusal(await api(worker, `/api/v1/cases/${gone.caseId}/withdraw`, { method: "POST" }), 422, "rejectedByFlow");

    const step = await read(await submit(worker, "api-return-0001", data), S.CaseStep, 201);
    const task = (await read(await api(approver, "/api/v1/tasks"), S.TaskList)).tasks.find((t) => t.caseId === step.caseId)!;
    const noComment = await refusal(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "return" } }), 422, "invalidData");
    expect(noComment.fieldErrors?.comment).toBeTruthy();
    await refusal(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "maybe" } }), 422, "invalidData");
    expect((await read(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "return", comment: "请补充工作单位全称" } }), S.CaseStep)).status).toBe("returned");

    // Only the applicant resubmits, and the data goes through the same validator.
    await refusal(await api(approver, `/api/v1/cases/${step.caseId}/resubmit`, { body: { data } }), 403);
    await refusal(await api(worker, `/api/v1/cases/${step.caseId}/resubmit`, { body: { data: { ...data, mobile: "123" } } }), 422, "invalidData");
    const again = await read(await api(worker, `/api/v1/cases/${step.caseId}/resubmit`, { body: { data: { ...data, employer: "厦门顺达快递有限公司湖里分公司" } } }), S.CaseStep);
    expect(again.status).toBe("running");
    const view = await read(await api(worker, `/api/v1/cases/${step.caseId}`), S.CaseDetail);
    expect(view.data.employer).toBe("厦门顺达快递有限公司湖里分公司");
    expect(view.timeline.some((e) => e.comment === "请补充工作单位全称")).toBe(true);
  });

  it("hand-offs go through services.commandTask: cc a colleague, refuse a stranger, transfer", async () => {
    const worker = (await newToken("13900000003")).token;
    const approver = (await newToken("13800000002")).token;
    const step = await read(await submit(worker, "api-handoff-0001"), S.CaseStep, 201);
    const task = (await read(await api(approver, "/api/v1/tasks"), S.TaskList)).tasks.find((t) => t.caseId === step.caseId)!;
    const detail = await read(await api(approver, `/api/v1/tasks/${task.id}`), S.TaskDetail);
    const street = detail.colleagues.find((c) => c.name === "林芳")!;
    const district = detail.colleagues.find((c) => c.name === "张伟")!;
    expect(street && district).toBeTruthy();

    const outsider = await ctx.demo.userByMobile("13800000041");
    const stranger = await refusal(await api(approver, `/api/v1/tasks/${task.id}/handoff`, { body: { action: "cc", userIds: [outsider.id] } }), 422, "invalidData");
    expect(stranger.fieldErrors?.userIds).toBeTruthy();
    await refusal(await api(approver, `/api/v1/tasks/${task.id}/handoff`, { body: { action: "teleport" } }), 422, "invalidData");

    await read(await api(approver, `/api/v1/tasks/${task.id}/handoff`, { body: { action: "cc", userIds: [district.id], comment: "请知悉" } }), S.CaseStep);
    const districtToken = (await newToken("13800000021")).token;
    expect((await read(await api(districtToken, `/api/v1/cases/${step.caseId}`), S.CaseDetail)).id).toBe(step.caseId);

    await read(await api(approver, `/api/v1/tasks/${task.id}/handoff`, { body: { action: "transfer", to: street.id, comment: "请街道处理" } }), S.CaseStep);
    await refusal(await api(approver, `/api/v1/tasks/${task.id}/decision`, { body: { action: "approve" } }), 409, "alreadyHandled");
    const streetToken = (await newToken("13800000011")).token;
    const streetTask = (await read(await api(streetToken, "/api/v1/tasks"), S.TaskList)).tasks.find((t) => t.caseId === step.caseId)!;
    await read(await api(streetToken, `/api/v1/tasks/${streetTask.id}/decision`, { body: { action: "approve" } }), S.CaseStep);
    await drainJobs(ctx.demo.db);
    expect((await read(await api(worker, `/api/v1/cases/${step.caseId}`), S.CaseDetail)).status).toBe("approved");
  });
});

describe("API: 认领 / 释放 and 批量同意 call the inbox's services", () => {
  it("claims and releases a pool task, refuses a colleague with 409 claimed, and bulk-approves reporting failures", async () => {
    const bpmn = singleApprovalBpmn('mode="any"', '<niangjia:assignee kind="rolePool" role="approver" level="district"/>').replace('<bpmn:userTask id="review"', '<bpmn:userTask id="review" niangjia:allowBulk="true"');
    const programId = await installTestProgram(ctx.demo.db, "api-pool", bpmn);
    const worker = (await newToken("13900000001")).token;
    const [zhang, he] = [(await newToken("13800000021")).token, (await newToken("13800000022")).token];
    const steps: z.output<typeof S.CaseStep>[] = [];
    for (const n of [1, 2, 3]) steps.push(await read(await submit(worker, `api-pool-000${n}`, { note: `第${n}件` }, programId), S.CaseStep, 201));
    const mine = (await read(await api(zhang, "/api/v1/tasks"), S.TaskList)).tasks.filter((t) => steps.some((s) => s.caseId === t.caseId));
    expect(mine.map((t) => [t.claimable, t.claimedByMe, t.allowBulk])).toEqual([[true, false, true], [true, false, true], [true, false, true]]);

    await read(await api(zhang, `/api/v1/tasks/${mine[0].id}/claim`, { method: "POST" }), S.CaseStep);
    const hers = (await read(await api(he, "/api/v1/tasks"), S.TaskList)).tasks;
    expect(hers.some((t) => t.caseId === steps[0].caseId)).toBe(false);
    // Her own row of the claimed case is still open but not hers to act on.
    const heId = (await ctx.demo.userByMobile("13800000022")).id;
    const [heldRow] = await ctx.demo.db.select().from(tasks).where(and(eq(tasks.caseId, steps[0].caseId), eq(tasks.assigneeId, heId)));
    expect((await refusal(await api(he, `/api/v1/tasks/${heldRow.id}/claim`, { method: "POST" }), 409, "claimed")).message).toBe("该事项已被 张伟 认领");
    await refusal(await api(he, `/api/v1/tasks/${heldRow.id}/decision`, { body: { action: "approve" } }), 409, "claimed");
    const herTask = hers.find((t) => t.caseId === steps[1].caseId)!;
    await read(await api(he, `/api/v1/tasks/${herTask.id}/decision`, { body: { action: "approve" } }), S.CaseStep);
    await read(await api(zhang, `/api/v1/tasks/${mine[0].id}/release`, { method: "POST" }), S.CaseStep);
    await read(await api(zhang, `/api/v1/tasks/${mine[0].id}/claim`, { method: "POST" }), S.CaseStep);

    const result = await read(await api(zhang, "/api/v1/tasks/bulk-approval", { body: { taskIds: mine.map((t) => t.id), comment: "同意" } }), S.BulkApprovalResult);
    expect(result.approved.map((a) => a.caseId)).toEqual([steps[0].caseId, steps[2].caseId]);
    expect(result.failed.map((f) => [f.caseNo, f.code])).toEqual([[steps[1].caseNo, "alreadyHandled"]]);
    await refusal(await api(zhang, "/api/v1/tasks/bulk-approval", { body: { taskIds: [] } }), 422, "invalidData");
  });
});

describe("API: the OpenAPI document is served", () => {
  it("GET /api/v1/openapi.json needs no credentials", async () => {
    const res = await api(null, "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/tasks/{taskId}/decision");
  });
});
