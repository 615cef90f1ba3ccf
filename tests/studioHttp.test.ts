import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { setDb } from "../db/client";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { createUser } from "../db/users";
import { programs, programVersions } from "../db/schema";
import type { FormSchema } from "../forms/schema";
import { AppClient, createApp } from "./support/appClient";
import { createDemoDb } from "./support/demoDb";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let app: Awaited<ReturnType<typeof createApp>>;
let programId: string;

beforeAll(async () => {
  demo = await createDemoDb();
  setDb(demo);
  await createUser(demo.db, { name: "思明管理员", mobile: "13800000098", password: DEMO_PASSWORD, orgId: "siming", roles: [{ role: "admin" }] });
  app = await createApp();
  const [p] = await demo.db.select().from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, "huli")));
  programId = p.id;
});
afterAll(async () => {
  await app?.close();
  await demo?.close();
});

async function signedIn(mobile: string) {
  const client = new AppClient(app);
  expect((await client.signIn(mobile, DEMO_PASSWORD)).status).toBe(302);
  return client;
}

const versions = () => demo.db.select().from(programVersions).where(eq(programVersions.programId, programId));
const publishedForm = async () => (await versions()).find((v) => v.status === "published")!.formSchema as FormSchema;
const formPath = () => `/studio/programs/${programId}/form`;

describe("HTTP: studio and form designer", () => {
  it("shows the studio to admins only; others get 403, visitors the sign-in page", async () => {
    const admin = await signedIn("13800000000");
    const studio = await admin.get("/studio");
    expect(studio.status).toBe(200);
    const html = await studio.text();
    expect(html).toContain("项目管理");
    expect(html).toContain("入会申请");
    expect(html).toContain('href="/studio"');
    expect((await admin.get(formPath())).status).toBe(200);
    expect((await admin.get(`/studio/programs/${programId}`)).status).toBe(200);

    expect((await (await signedIn("13800000002")).get("/studio")).status).toBe(403);
    expect((await (await signedIn("13900000003")).get(formPath())).status).toBe(403);
    const visitor = await new AppClient(app).get("/studio");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  });

  it("another district's admin sees neither the program nor its designer (404), and cannot save", async () => {
    const other = await signedIn("13800000098");
    // They see their own district's programs, never this one.
    expect(await (await other.get("/studio")).text()).not.toContain(programId);
    expect((await other.get(formPath())).status).toBe(404);
    expect((await other.get(`/studio/programs/${programId}`)).status).toBe(404);
    const before = await versions();
    const res = await other.post(formPath(), { form: JSON.stringify(await publishedForm()) });
    expect(res.status).toBe(404);
    expect(await versions()).toEqual(before);
  });

  it("refuses a save without the CSRF token, or with an invalid form, and writes nothing", async () => {
    const admin = await signedIn("13800000000");
    const form = await publishedForm();
    const before = await versions();
    expect((await admin.post(formPath(), { form: JSON.stringify(form) }, { csrf: null })).status).toBe(403);
    expect((await admin.post(formPath(), { form: "{not json" })).status).toBe(400);
    expect((await admin.post(formPath(), {})).status).toBe(400);

    const duplicate = { ...form, fields: [...form.fields, { ...form.fields[1] }] };
    const refused = await admin.post(`${formPath()}.data`, { form: JSON.stringify(duplicate) });
    expect(refused.status).toBe(422);
    const body = await refused.text();
    expect(body).toContain("duplicate_key");
    expect(body).toContain("字段键名重复");
    expect(await versions()).toEqual(before);
  });

  it("saves into a new draft version; the published version is unchanged; a second save reuses the draft", async () => {
    const admin = await signedIn("13800000000");
    const published = (await versions()).find((v) => v.status === "published")!;
    const form = published.formSchema as FormSchema;
    const edited = { ...form, fields: [...form.fields, { key: "remarks", type: "textarea", label: { zh: "备注", en: "Remarks" } }] };
    const saved = await admin.post(`${formPath()}.data`, { form: JSON.stringify(edited) });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("created");
    const after = await versions();
    expect(after).toHaveLength(2);
    const draft = after.find((v) => v.status === "draft")!;
    expect(draft.version).toBe(published.version + 1);
    expect((draft.formSchema as FormSchema).fields.at(-1)?.key).toBe("remarks");
    expect(after.find((v) => v.status === "published")).toEqual(published);

    expect((await admin.post(formPath(), { form: JSON.stringify({ ...edited, title: { zh: "入会申请（修订）", en: "" } }) })).status).toBe(200);
    const again = await versions();
    expect(again).toHaveLength(2);
    expect((again.find((v) => v.status === "draft")!.formSchema as FormSchema).title.zh).toBe("入会申请（修订）");
    // The designer now opens the draft.
    expect(await (await admin.get(formPath())).text()).toContain("正在编辑草稿 v2");
  });
});
