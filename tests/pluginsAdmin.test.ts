import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { setDb } from "../db/client";
import { DEMO_PASSWORD } from "../db/demoOrgs";
import { pluginEnablements } from "../db/schema";
import { corePlugin } from "../plugins/core";
import { examplePlugin } from "../plugins/example";
import { loadPlugins } from "../cli/loadPlugins";
import { startPlugins } from "../cli/startPlugins";
import { AppClient, createApp } from "./support/appClient";
import { createDemoDb } from "./support/demoDb";

type Demo = Awaited<ReturnType<typeof createDemoDb>>;
let demo: Demo;
let app: Awaited<ReturnType<typeof createApp>>;

beforeAll(async () => {
  demo = await createDemoDb();
  await startPlugins(demo, loadPlugins([corePlugin, examplePlugin]));
  setDb(demo);
  app = await createApp();
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

const enablement = async (orgId: string) =>
  (await demo.db.select().from(pluginEnablements).where(and(eq(pluginEnablements.pluginId, "example"), eq(pluginEnablements.orgId, orgId))))[0];

describe("HTTP: /admin/plugins", () => {
  it("shows an admin the plugins, their manifest and a switch for each district they govern", async () => {
    const admin = await signedIn("13800000000");
    const res = await admin.get("/admin/plugins");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("插件管理");
    expect(html).toContain("示例插件");
    expect(html).toContain("^0.1.0");
    expect(html).toContain("湖里区总工会");
    expect(html).not.toContain("思明区总工会");
    expect(html).toContain('href="/admin/plugins"');
  });

  it("is closed to workers and approvers", async () => {
    expect((await (await signedIn("13900000001")).get("/admin/plugins")).status).toBe(403);
    expect((await (await signedIn("13800000001")).post("/admin/plugins", { pluginId: "example", districtId: "huli", enabled: "true" })).status).toBe(403);
    expect(await enablement("huli")).toBeUndefined();
  });

  it("switches a plugin for the admin's district; a forged token changes nothing", async () => {
    const admin = await signedIn("13800000000");
    const forged = await admin.post("/admin/plugins", { pluginId: "example", districtId: "huli", enabled: "true" }, { csrf: "x".repeat(32) });
    expect(forged.status).toBe(403);
    expect(await enablement("huli")).toBeUndefined();

    const on = await admin.post("/admin/plugins", { pluginId: "example", districtId: "huli", enabled: "true" });
    expect(on.status).toBe(200);
    expect(await enablement("huli")).toMatchObject({ enabled: true, tenantId: "huli" });
    expect((await admin.post("/admin/plugins", { pluginId: "example", districtId: "huli", enabled: "false" })).status).toBe(200);
    expect((await enablement("huli")).enabled).toBe(false);
  });

  it.each([
    [{ pluginId: "example", districtId: "siming", enabled: "true" }, 403, "您不是该区的管理员"],
    [{ pluginId: "core", districtId: "huli", enabled: "false" }, 400, "始终启用"],
    [{ pluginId: "nope", districtId: "huli", enabled: "true" }, 404, "未知插件"],
    [{ pluginId: "example", districtId: "huli", enabled: "yes" }, 400, "请求无效"],
    [{ pluginId: "../x", districtId: "huli", enabled: "true" }, 400, "请求无效"],
  ])("refuses %j with %i and a bilingual message", async (fields, status, zh) => {
    const admin = await signedIn("13800000000");
    const res = await admin.post("/admin/plugins", fields);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(zh);
    expect(await enablement("siming")).toBeUndefined();
  });
});
