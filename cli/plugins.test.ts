import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshCliDatabase } from "../tests/support/cliDatabase";
import { main } from "./main";

async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await main(["node", "niangjia", ...args], (l) => lines.push(l));
  return { code, lines, text: lines.join("\n") };
}

type ListedPlugin = { id: string; name: { zh: string; en: string }; version: string; installedVersion: string | null; host: string; state: string; districts: { orgId: string; orgName: string; enabled: boolean }[] };

async function listed(id: string): Promise<ListedPlugin> {
  const { code, text } = await run("plugins", "list", "--json");
  expect(code).toBe(0);
  const plugin = (JSON.parse(text) as ListedPlugin[]).find((p) => p.id === id);
  expect(plugin).toBeDefined();
  return plugin!;
}

const enabledIn = async (id: string) => (await listed(id)).districts.filter((d) => d.enabled).map((d) => d.orgId);

let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  process.env.NIANGJIA_EXAMPLE_PLUGIN = "1";
  dropDatabase = await useFreshCliDatabase("cli_plugins");
  const seeded = await run("seed");
  expect(seeded.code).toBe(0);
});

afterAll(async () => {
  await dropDatabase();
  delete process.env.NIANGJIA_EXAMPLE_PLUGIN;
});

describe("niangjia plugins", () => {
  it("list --json: id, names, version, installed version, host range and each district's switch", async () => {
    const example = await listed("example");
    expect(example).toMatchObject({ name: { zh: "示例插件", en: "Example plugin" }, version: "1.0.0", installedVersion: "1.0.0", host: "^0.1.0", state: "active" });
    expect(example.districts).toEqual([
      { orgId: "licheng", orgName: "鲤城区总工会", enabled: false },
      { orgId: "huli", orgName: "湖里区总工会", enabled: false },
      { orgId: "siming", orgName: "思明区总工会", enabled: false },
    ]);
    expect((await listed("core")).districts.every((d) => d.enabled)).toBe(true);
  });

  // Each command boots the CLI on its database: seven of them need more than the default minute on a busy machine.
  it("enable --org names one district by id or full name, a city means its districts; without --org every district", { timeout: 180_000 }, async () => {
    const one = await run("plugins", "enable", "example", "--org", "huli");
    expect(one).toMatchObject({ code: 0, lines: ["enabled example for 湖里区总工会 (huli)"] });
    expect(await enabledIn("example")).toEqual(["huli"]);

    expect((await run("plugins", "disable", "example", "--org", "湖里区总工会")).code).toBe(0);
    expect(await enabledIn("example")).toEqual([]);

    expect((await run("plugins", "enable", "example")).lines).toHaveLength(3);
    expect(await enabledIn("example")).toEqual(["licheng", "huli", "siming"]);
    expect((await run("plugins", "disable", "example", "--org", "xm")).code).toBe(0);
    expect(await enabledIn("example")).toEqual(["licheng"]);
    expect((await run("plugins", "disable", "example", "--org", "泉州市总工会")).code).toBe(0);
    expect(await enabledIn("example")).toEqual([]);
  });

  it.each([
    [["plugins", "enable", "nope"], "未知插件「nope」", 'unknown plugin "nope"; known plugins: core, '],
    [["plugins", "disable", "core"], "基础项目（core）始终启用", "the core plugin is always on"],
    [["plugins", "enable", "example", "--org", "heshan"], "不是区总工会", "is not a district federation"],
    [["plugins", "enable", "example", "--org", "nowhere"], "组织不存在：nowhere", "no such org: nowhere"],
  ])("refuses %j with exit 1, Chinese then English, and changes nothing", async (args, zh, en) => {
    const { code, text } = await run(...args);
    expect(code).toBe(1);
    expect(text).toContain(zh);
    expect(text).toContain(en);
    expect(text.indexOf(zh)).toBeLessThan(text.indexOf(en));
    expect(await enabledIn("example")).toEqual([]);
  });

  it("is a usage error (exit 2) without a plugin id", async () => {
    expect((await run("plugins", "enable")).code).toBe(2);
  });

  it("list without --json is one line per plugin and per district", async () => {
    const { code, lines } = await run("plugins", "list");
    expect(code).toBe(0);
    expect(lines.find((l) => l.startsWith("example"))).toContain("1.0.0 (installed 1.0.0, host ^0.1.0)  active");
    expect(lines).toContain("    off  思明区总工会 (siming)");
  });

  it("migrate applies the plugins' migrations too and names the plugins", async () => {
    const { code, lines } = await run("migrate");
    expect(code).toBe(0);
    const named = lines.find((l) => l.startsWith("plugins: "));
    expect(named).toMatch(/^plugins: core@0\.1\.0, .*quanzhou@1\.0\.0.*, example@1\.0\.0$/);
  });
});
