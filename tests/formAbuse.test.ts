import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDb } from "../db/client";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { auditLog, cases, files } from "../db/schema";
import { getFieldType } from "../forms/fieldRegistry";
import { AppClient, createApp } from "./support/appClient";
import { installTestProgram, singleApprovalBpmn } from "./support/flowPrograms";
import { createDemoDb } from "./support/demoDb";
import { exeBytes, pngOf, uploadTestForm, installTestFileStore } from "./support/uploadProgram";

/**
 * The server never trusts the browser: payloads built to get around the form (extra keys,
 * wrong types, values for hidden fields, huge strings and lists, a program renamed .jpg) go
 * through the real HTTP stack. Each refusal is a 4xx naming the field, and nothing is stored.
 */

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let app: Awaited<ReturnType<typeof createApp>>;
let programId: string;
let worker: AppClient;
let removeFiles = () => {};

/** The 明细表 joins the form once its field type is registered. */
const hasTable = getFieldType("table") !== undefined;
const membersTable = {
  key: "members",
  type: "table",
  label: { zh: "家庭成员", en: "Family members" },
  maxRows: 10,
  columns: [{ key: "memberName", type: "text", label: { zh: "成员姓名", en: "Name" }, maxLength: 20 }],
};

beforeAll(async () => {
  demo = await createDemoDb();
  setDb(demo);
  removeFiles = installTestFileStore(demo);
  app = await createApp();
  const form = { ...uploadTestForm, fields: [...uploadTestForm.fields, ...(hasTable ? [membersTable] : [])] };
  const grassroots = '<niangjia:assignee kind="orgLevel" level="grassroots" role="approver"/>';
  programId = await installTestProgram(demo.db, "abuse", singleApprovalBpmn('mode="any"', grassroots), "huli", form);
  worker = new AppClient(app);
  expect((await worker.signIn("13900000003", DEMO_PASSWORD)).status).toBe(302);
});
afterAll(async () => {
  await app?.close();
  await demo?.close();
  removeFiles();
});

async function counts() {
  const [c, f, a] = await Promise.all([
    demo.db.select({ id: cases.id }).from(cases),
    demo.db.select({ id: files.id }).from(files),
    demo.db.select({ id: auditLog.id }).from(auditLog),
  ]);
  return { cases: c.length, files: f.length, audit: a.length };
}

let keys = 0;
const valid = () => ({ name: "孙丽", age: 30, skills: ["a"], hasChild: false, photos: [], proof: [] });

function post(payload: string) {
  return worker.post(`/portal/programs/${programId}`, { submitKey: `abuse-key-${String(keys++).padStart(4, "0")}`, payload });
}

/** Posts a payload that must be refused: the status, the page naming the problem, and no rows anywhere. */
async function refused(payload: unknown, status: number, ...messages: string[]) {
  const before = await counts();
  const res = await post(typeof payload === "string" ? payload : JSON.stringify(payload));
  expect(res.status).toBe(status);
  const text = await res.text();
  for (const message of messages) expect(text).toContain(message);
  expect(await counts()).toEqual(before);
}

async function storedData(payload: unknown): Promise<Record<string, unknown>> {
  const res = await post(JSON.stringify(payload));
  expect(res.status).toBe(302);
  const caseId = res.headers.get("Location")!.split("/").pop()!;
  const [row] = await demo.db.select({ data: cases.data }).from(cases).where(eq(cases.id, caseId));
  return row.data as Record<string, unknown>;
}

describe("form abuse: extra keys", () => {
  it("strips keys the form does not have (issue 3: the server strips unknown keys), including __proto__ and constructor", async () => {
    const payload = `{"name":"孙丽","age":30,"skills":["a"],"hasChild":false,"photos":[],"proof":[],"status":"approved","caseNo":"HACK-1","isAdmin":true,"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`;
    const res = await post(payload);
    expect(res.status).toBe(302);
    const caseId = res.headers.get("Location")!.split("/").pop()!;
    const [row] = await demo.db.select().from(cases).where(eq(cases.id, caseId));
    expect(Object.keys(row.data as object).sort()).toEqual(["age", "hasChild", "name", "photos", "proof", "skills", ...(hasTable ? ["members"] : [])].sort());
    expect(row.status).toBe("running");
    expect(row.caseNo).not.toBe("HACK-1");
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});

describe("form abuse: wrong types", () => {
  it("refuses a number where text belongs, a list for text, an object for a number, text for a list", async () => {
    await refused({ ...valid(), name: 42 }, 422, "姓名格式不正确");
    await refused({ ...valid(), name: ["孙", "丽"] }, 422, "姓名格式不正确");
    await refused({ ...valid(), name: { toString: "孙丽" } }, 422, "姓名格式不正确");
    await refused({ ...valid(), age: { valueOf: 30 } }, 422, "年龄");
    await refused({ ...valid(), age: "30; DROP TABLE cases" }, 422, "年龄");
    await refused({ ...valid(), skills: "a" }, 422, "技能");
    await refused({ ...valid(), skills: [1, 2] }, 422, "技能的选项无效");
    await refused({ ...valid(), hasChild: "true" }, 422, "有子女");
    await refused({ ...valid(), photos: "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f" }, 422, "证件照片格式不正确");
    await refused({ ...valid(), photos: [{ id: "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f" }] }, 422, "证件照片格式不正确");
  });

  it("refuses a submission that is not an object, or not JSON", async () => {
    await refused([valid()], 422, "提交的内容格式不正确");
    await refused("null", 422, "提交的内容格式不正确");
    await refused('"孙丽"', 422, "提交的内容格式不正确");
    await refused("{name:", 400);
  });

  it("takes the last of duplicated keys, as JSON does, and judges that one", async () => {
    await refused('{"name":"孙丽","name":42,"hasChild":false}', 422, "姓名格式不正确");
  });

  it("refuses a value nested 100,000 deep without falling over", async () => {
    await refused(`{"name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`, 422, "姓名格式不正确");
  });
});

describe("form abuse: hidden fields", () => {
  it("does not store a value for a field that is hidden, valid or not", async () => {
    expect(await storedData({ ...valid(), hasChild: false, childName: "小明" })).not.toHaveProperty("childName");
    expect(await storedData({ ...valid(), hasChild: false, childName: { evil: true } })).not.toHaveProperty("childName");
    expect(await storedData({ ...valid(), hasChild: false, childName: "长".repeat(5000) })).not.toHaveProperty("childName");
    // Shown, the same field is judged and kept.
    expect((await storedData({ ...valid(), hasChild: true, childName: "小明" })).childName).toBe("小明");
    await refused({ ...valid(), hasChild: true, childName: 42 }, 422, "子女姓名格式不正确");
  });
});

describe("form abuse: size", () => {
  it("refuses text over maxLength with 422, and a body over the limit with 413", async () => {
    await refused({ ...valid(), name: "长".repeat(21) }, 422, "姓名不能超过20个字");
    await refused({ ...valid(), name: "x".repeat(400_000) }, 422, "姓名不能超过20个字");
    await refused({ ...valid(), name: "x".repeat(1_200_000) }, 413, "提交内容过大");
  });

  it("refuses 10,000 choices and 10,000 file ids", async () => {
    await refused({ ...valid(), skills: Array.from({ length: 10_000 }, () => "a") }, 422, "技能最多选择3项");
    await refused({ ...valid(), photos: Array.from({ length: 10_000 }, (_, i) => `3f1c1d1e-8a2b-4c3d-9e4f-${String(i).padStart(12, "0")}`) }, 422, "证件照片最多上传2个文件");
  });

  it.runIf(hasTable)("refuses 10,000 明细表 rows", async () => {
    await refused({ ...valid(), members: Array.from({ length: 10_000 }, () => ({ memberName: "某" })) }, 422, "家庭成员最多10行");
  });
});

describe("form abuse: files", () => {
  it("refuses a program renamed .jpg at upload with a field error, and stores no file", async () => {
    const before = await counts();
    const res = await worker.upload(`/portal/programs/${programId}/files?field=photos`, { name: "证件照.jpg", type: "image/jpeg", bytes: exeBytes() });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fieldErrors: Record<string, string> } };
    expect(body.error.fieldErrors).toEqual({ photos: "证件照片只接受 JPG/PNG 文件，“证件照.jpg”的实际内容是EXE" });
    expect(await counts()).toEqual(before);
  });

  it("refuses made-up file ids and a file uploaded for a field that does not accept its type", async () => {
    await refused({ ...valid(), photos: ["3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f"] }, 422, "证件照片中有文件不存在或已失效");
    const upload = await worker.upload(`/portal/programs/${programId}/files?field=photos`, { name: "照片.png", type: "image/png", bytes: pngOf(10, 10) });
    const { file } = (await upload.json()) as { file: { id: string } };
    // A PNG is fine as a photo but not as the PDF-only proof.
    await refused({ ...valid(), proof: [file.id] }, 422, "证明材料只接受 PDF 文件");
    const [row] = await demo.db.select().from(files).where(eq(files.id, file.id));
    expect(row.caseId).toBeNull();
  });
});
