import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setDb } from "../db/client";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { cases, drafts, files, tasks } from "../db/schema";
import { getApplyPage } from "../workflows/services/applicationDrafts";
import { AppClient, createApp } from "./support/appClient";
import { createDemoDb } from "./support/demoDb";
import { exeBytes, installUploadProgram, pdfBytes, pngOf, installTestFileStore } from "./support/uploadProgram";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let app: Awaited<ReturnType<typeof createApp>>;
let programId: string;
let removeFiles = () => {};

beforeAll(async () => {
  demo = await createDemoDb();
  setDb(demo);
  removeFiles = installTestFileStore(demo);
  app = await createApp();
  programId = await installUploadProgram(demo.db);
});
afterAll(async () => {
  await app?.close();
  await demo?.close();
  removeFiles();
});

async function signedIn(mobile: string) {
  const client = new AppClient(app);
  expect((await client.signIn(mobile, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

const uploadPath = (field: string, extra = "") => `/portal/programs/${programId}/files?field=${field}${extra}`;
const fileCount = async () => (await demo.db.select({ id: files.id }).from(files)).length;
type Answer = { file?: { id: string; name: string; mime: string; size: number }; error?: { message: string; messageEn: string; fieldErrors: Record<string, string> } };

async function uploadPng(client: AppClient, name = "身份证正面.png") {
  const res = await client.upload(uploadPath("photos"), { name, type: "image/png", bytes: pngOf(40, 30) });
  expect(res.status).toBe(201);
  return ((await res.json()) as Answer).file!;
}

function application(overrides: Record<string, unknown> = {}) {
  return { name: "孙丽", age: 30, skills: ["a"], hasChild: false, photos: [], proof: [], ...overrides };
}

describe("uploading", () => {
  it("stores a photo with its sniffed type and Chinese name, and gives it back to its uploader only", async () => {
    const worker = await signedIn("13900000003");
    const file = await uploadPng(worker);
    expect(file).toMatchObject({ name: "身份证正面.png", mime: "image/png" });

    const own = await worker.get(`/files/${file.id}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("image/png");
    expect(own.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(own.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(Buffer.from(await own.arrayBuffer()).equals(pngOf(40, 30))).toBe(true);

    // Not yet part of any case: nobody else may read it, not even the approver over the uploader's org.
    expect((await (await signedIn("13900000001")).get(`/files/${file.id}`)).status).toBe(404);
    expect((await (await signedIn("13800000002")).get(`/files/${file.id}`)).status).toBe(404);
    expect((await new AppClient(app).get(`/files/${file.id}`)).status).toBe(302);
  });

  it("takes the type from the content: a PNG named .pdf is a PNG; a PDF is accepted only where PDFs are", async () => {
    const worker = await signedIn("13900000003");
    const misnamed = await worker.upload(uploadPath("photos"), { name: "scan.pdf", type: "application/pdf", bytes: pngOf(8, 8) });
    expect(misnamed.status).toBe(201);
    expect(((await misnamed.json()) as Answer).file!.mime).toBe("image/png");

    const before = await fileCount();
    const pdfAsPhoto = await worker.upload(uploadPath("photos"), { name: "证明.pdf", type: "image/jpeg", bytes: pdfBytes() });
    expect(pdfAsPhoto.status).toBe(422);
    expect(((await pdfAsPhoto.json()) as Answer).error!.fieldErrors.photos).toBe("证件照片只接受 JPG/PNG 文件，“证明.pdf”的实际内容是PDF");
    expect(await fileCount()).toBe(before);
    expect((await worker.upload(uploadPath("proof"), { name: "证明.pdf", bytes: pdfBytes() })).status).toBe(201);
  });

  it("refuses a program renamed .jpg with a field error in Chinese, or in English, and stores nothing", async () => {
    const worker = await signedIn("13900000003");
    const before = await fileCount();
    const res = await worker.upload(uploadPath("photos"), { name: "照片.jpg", type: "image/jpeg", bytes: exeBytes() });
    expect(res.status).toBe(422);
    const answer = (await res.json()) as Answer;
    expect(answer.error!.fieldErrors).toEqual({ photos: "证件照片只接受 JPG/PNG 文件，“照片.jpg”的实际内容是EXE" });
    expect(answer.error!.messageEn).toBe("The file was not accepted");

    await worker.post("/lang", { lang: "en" });
    const english = (await (await worker.upload(uploadPath("photos"), { name: "photo.jpg", type: "image/jpeg", bytes: exeBytes() })).json()) as Answer;
    expect(english.error!.fieldErrors.photos).toBe("ID photos accepts only JPG/PNG files; “photo.jpg” is really EXE");

    const text = await worker.upload(uploadPath("photos"), { name: "notes.png", bytes: Buffer.from("just some text") });
    expect(((await text.json()) as Answer).error!.fieldErrors.photos).toContain("of unknown type");
    expect(await fileCount()).toBe(before);
  });

  it("refuses a file over the field's size while reading it, with 413 and a field error", async () => {
    const worker = await signedIn("13900000003");
    const before = await fileCount();
    const big = Buffer.concat([pngOf(8, 8), Buffer.alloc(1024 * 1024 + 10)]);
    const res = await worker.upload(uploadPath("photos"), { name: "big.png", type: "image/png", bytes: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Answer).error!.fieldErrors.photos).toContain("不能超过 1 MB");
    expect(await fileCount()).toBe(before);
  });

  it("refuses uploads without the CSRF token, to unknown or non-upload fields, and malformed bodies", async () => {
    const worker = await signedIn("13900000003");
    const before = await fileCount();
    expect((await worker.upload(uploadPath("photos"), { name: "a.png", bytes: pngOf(4, 4) }, { csrf: null })).status).toBe(403);
    expect((await worker.upload(uploadPath("nope"), { name: "a.png", bytes: pngOf(4, 4) })).status).toBe(404);
    expect((await worker.upload(uploadPath("name"), { name: "a.png", bytes: pngOf(4, 4) })).status).toBe(404);
    expect((await worker.upload(`/portal/programs/not-a-program/files?field=photos`, { name: "a.png", bytes: pngOf(4, 4) })).status).toBe(404);
    // Someone in another district cannot upload to a program not open to them.
    expect((await (await signedIn("13900000009")).upload(uploadPath("photos"), { name: "a.png", bytes: pngOf(4, 4) })).status).toBe(404);

    const token = await worker.csrf();
    const twoFiles = new FormData();
    twoFiles.append("file", new Blob([new Uint8Array(pngOf(4, 4))]), "a.png");
    twoFiles.append("file", new Blob([new Uint8Array(pngOf(4, 4))]), "b.png");
    expect((await worker.request(uploadPath("photos"), { method: "POST", body: twoFiles, headers: { "X-CSRF-Token": token } })).status).toBe(400);
    const stray = new FormData();
    stray.append("note", "hello");
    expect((await worker.request(uploadPath("photos"), { method: "POST", body: stray, headers: { "X-CSRF-Token": token } })).status).toBe(400);
    const notMultipart = await worker.request(uploadPath("photos"), { method: "POST", body: "raw bytes", headers: { "X-CSRF-Token": token, "Content-Type": "image/png" } });
    expect(notMultipart.status).toBe(400);
    expect(await notMultipart.text()).toContain("上传内容格式不正确");
    const empty = new FormData();
    expect((await worker.request(uploadPath("photos"), { method: "POST", body: empty, headers: { "X-CSRF-Token": token } })).status).toBe(400);
    expect(await fileCount()).toBe(before);
  });
});

describe("files in an application", () => {
  it("are attached to the case on submit; the approver over the org sees them, others do not", async () => {
    const worker = await signedIn("13900000003");
    const photo = await uploadPng(worker);
    const submitted = await worker.post(`/portal/programs/${programId}`, { submitKey: "upl-case-0001", payload: JSON.stringify(application({ photos: [photo.id] })) });
    expect(submitted.status).toBe(302);
    const casePath = submitted.headers.get("Location")!;
    const caseId = casePath.split("/").pop()!;
    const [row] = await demo.db.select().from(files).where(eq(files.id, photo.id));
    expect(row.caseId).toBe(caseId);

    const approver = await signedIn("13800000002");
    expect((await approver.get(`/files/${photo.id}`)).status).toBe(200);
    const { html: page } = await approver.page(casePath);
    expect(page).toContain(`/files/${photo.id}`);
    expect((await (await signedIn("13800000041")).get(`/files/${photo.id}`)).status).toBe(404);
    expect((await (await signedIn("13900000001")).get(`/files/${photo.id}`)).status).toBe(404);

    // A retried submit (same key) lands on the same case, although its file is now attached.
    const again = await worker.post(`/portal/programs/${programId}`, { submitKey: "upl-case-0001", payload: JSON.stringify(application({ photos: [photo.id] })) });
    expect(again.headers.get("Location")).toBe(casePath);

    // The same file cannot be reused for another application.
    const reuse = await worker.post(`/portal/programs/${programId}`, { submitKey: "upl-case-0002", payload: JSON.stringify(application({ photos: [photo.id] })) });
    expect(reuse.status).toBe(422);
    expect(await reuse.text()).toContain("证件照片中有文件不存在或已失效");
  });

  it("a case returned for correction keeps its files and takes new ones, uploaded against the case", async () => {
    const worker = await signedIn("13900000003");
    const first = await uploadPng(worker, "第一张.png");
    const submitted = await worker.post(`/portal/programs/${programId}`, { submitKey: "upl-return-0001", payload: JSON.stringify(application({ photos: [first.id] })) });
    const caseId = submitted.headers.get("Location")!.split("/").pop()!;
    const [task] = await demo.db.select().from(tasks).where(eq(tasks.caseId, caseId));
    const approver = await signedIn("13800000002");
    expect((await approver.post(`/inbox/tasks/${task.id}`, { decision: "return", comment: "照片不清晰，请补一张" })).status).toBe(302);

    const again = await worker.upload(uploadPath("photos", `&case=${caseId}`), { name: "第二张.png", type: "image/png", bytes: pngOf(50, 50) });
    expect(again.status).toBe(201);
    const second = ((await again.json()) as Answer).file!;
    // Nobody else can upload against this case.
    expect((await (await signedIn("13900000001")).upload(uploadPath("photos", `&case=${caseId}`), { name: "x.png", bytes: pngOf(4, 4) })).status).toBe(404);

    const resubmitted = await worker.post(`/portal/cases/${caseId}`, { intent: "resubmit", payload: JSON.stringify(application({ photos: [first.id, second.id] })) });
    expect(resubmitted.status).toBe(302);
    const attached = await demo.db.select({ id: files.id }).from(files).where(eq(files.caseId, caseId));
    expect(attached.map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
    expect((await approver.get(`/files/${second.id}`)).status).toBe(200);
  });

  it("refuses another person's file id as not found, and changes nothing", async () => {
    const other = await signedIn("13900000001");
    const theirs = await uploadPng(other, "别人的.png");
    const worker = await signedIn("13900000003");
    const before = (await demo.db.select({ id: cases.id }).from(cases)).length;
    const res = await worker.post(`/portal/programs/${programId}`, { submitKey: "upl-theft-0001", payload: JSON.stringify(application({ photos: [theirs.id] })) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("证件照片中有文件不存在或已失效，请重新上传");
    expect((await demo.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    const [row] = await demo.db.select().from(files).where(eq(files.id, theirs.id));
    expect(row.caseId).toBeNull();
  });
});

describe("drafts", () => {
  const draftPath = () => `/portal/programs/${programId}/draft`;
  /** What the apply page's loader gives a person (the page itself must say a draft was restored). */
  const applyData = async (client: AppClient, mobile: string) => {
    const html = await (await client.get(`/portal/programs/${programId}`)).text();
    const page = (await getApplyPage(demo.db, await demo.userByMobile(mobile), programId))!;
    expect(html.includes("已恢复您")).toBe(page.draft !== null);
    return page;
  };

  it("is saved stripped to the form's keys, comes back on another device with its files, and is deleted on submit", async () => {
    const phone = await signedIn("13900000002");
    const photo = await uploadPng(phone, "工牌.png");
    const saved = await phone.post(draftPath(), {
      submitKey: "draft-key-0001",
      payload: JSON.stringify({ name: "钱多", age: "3", photos: [photo.id], injected: "<script>", __proto__: { admin: true }, constructor: "x" }),
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { saved: boolean }).saved).toBe(true);

    const laptop = await signedIn("13900000002");
    const restored = await applyData(laptop, "13900000002");
    expect(restored.draft!.data).toEqual({ name: "钱多", age: "3", photos: [photo.id] });
    expect(restored.files.map((f) => f.name)).toEqual(["工牌.png"]);

    const submitted = await laptop.post(`/portal/programs/${programId}`, { submitKey: "draft-key-0002", payload: JSON.stringify(application({ name: "钱多多", photos: [photo.id] })) });
    expect(submitted.status).toBe(302);
    expect((await applyData(phone, "13900000002")).draft).toBeNull();

    // A late autosave from the submitted form does not bring the draft back.
    const late = await laptop.post(draftPath(), { submitKey: "draft-key-0002", payload: JSON.stringify({ name: "钱多多" }) });
    expect(((await late.json()) as { saved: boolean }).saved).toBe(false);
    expect((await applyData(phone, "13900000002")).draft).toBeNull();
  });

  it("drops files a draft names that were since submitted elsewhere", async () => {
    const worker = await signedIn("13900000004");
    const photo = await uploadPng(worker);
    await worker.post(draftPath(), { submitKey: "draft-key-0003", payload: JSON.stringify({ name: "周杰", photos: [photo.id, "3f1c1d1e-8a2b-4c3d-9e4f-5a6b7c8d9e0f"] }) });
    expect((await applyData(worker, "13900000004")).draft!.data.photos).toEqual([photo.id]);
  });

  it("refuses drafts that are too large or not an object, or without the CSRF token, and keeps the old one", async () => {
    const worker = await signedIn("13900000001");
    await worker.post(draftPath(), { submitKey: "draft-key-0004", payload: JSON.stringify({ name: "赵小明" }) });
    const huge = await worker.post(draftPath(), { submitKey: "draft-key-0004", payload: JSON.stringify({ name: "x".repeat(300_000) }) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("草稿内容过多");
    expect((await worker.post(draftPath(), { submitKey: "draft-key-0004", payload: "[1,2]" })).status).toBe(422);
    expect((await worker.post(draftPath(), { submitKey: "draft-key-0004", payload: "{not json" })).status).toBe(400);
    expect((await worker.post(draftPath(), { submitKey: "draft-key-0004", payload: "{}" }, { csrf: null })).status).toBe(403);
    expect((await applyData(worker, "13900000001")).draft!.data).toEqual({ name: "赵小明" });
    expect((await demo.db.select().from(drafts)).filter((d) => d.data && (d.data as { name?: string }).name === "赵小明")).toHaveLength(1);
  });
});
