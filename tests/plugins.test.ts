import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { corePlugin } from "../plugins/core";
import { examplePlugin } from "../plugins/example";
import { exampleLedger } from "../plugins/example/schema";
import type { NiangjiaPlugin } from "../plugins/types";
import { loadPlugins, type PluginLoadReport } from "../cli/loadPlugins";
import { foreignNamesInSql } from "../cli/pluginMigrations";
import { startPlugins } from "../cli/startPlugins";
import { createTestDb } from "../db/testing";
import { seedDemoOrgs } from "../db/demoOrgs";
import { incidents, pluginInstalls, programs, users } from "../db/schema";
import { rowsOf } from "../db/rows";
import type { DbHandle } from "../db/client";
import { DuplicateKeyError } from "../forms/registry";
import { evaluateFeel } from "../forms/feel";
import { createRegistries } from "../workflows/coreRegistries";
import { getServiceHandler } from "../workflows/serviceHandlers";
import { getProgramTemplate } from "../workflows/programTemplates";
import { isPluginActive, pluginCatalog } from "../workflows/pluginCatalog";
import { PluginCommandError } from "../workflows/pluginCommandError";
import { installProgramTemplate } from "../workflows/services/installProgram";
import { getProgramForApply, listOpenPrograms } from "../workflows/services/programs";
import { listPluginsForAdmin, resolveDistricts, setPluginEnabled, setPluginEnabledByAdmin } from "../workflows/services/pluginSettings";
import { submitApplication, listMyTasks, decideTask, getCaseView } from "../workflows/services/cases";
import { loadSessionUser, type SessionUser } from "../workflows/services/identity";
import { drainJobs } from "../workflows/runtime/jobWorker";
import { seedBuiltinPrograms } from "../cli/seedPrograms";

const manifest = (id: string, extra: Partial<NiangjiaPlugin["manifest"]> = {}): NiangjiaPlugin["manifest"] => ({
  id,
  name: { zh: `插件${id}`, en: `Plugin ${id}` },
  version: "1.0.0",
  host: "^0.1.0",
  ...extra,
});

/** Registers a handler, then throws: its handler must be taken back and the plugin reported. */
const throwingPlugin: NiangjiaPlugin = {
  manifest: manifest("broken"),
  load(r) {
    r.serviceHandler("broken.half", async () => ({}));
    throw new Error("配置文件缺失 config missing");
  },
};
const futurePlugin: NiangjiaPlugin = { manifest: manifest("future", { host: ">=9.0.0" }), load: () => {} };
const badMigrationsPlugin: NiangjiaPlugin = {
  manifest: manifest("sneaky"),
  migrationsFolder: new URL("./fixtures/sneakyPluginMigrations", import.meta.url).pathname,
  load(r) {
    r.feelFunction("sneaky_fn", () => 1);
  },
};

let handle: DbHandle;
let report: PluginLoadReport;
let started: PluginLoadReport;

async function userByMobile(mobile: string): Promise<SessionUser> {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
  return (await loadSessionUser(handle.db, row.id))!;
}

beforeAll(async () => {
  handle = await createTestDb();
  report = loadPlugins([corePlugin, examplePlugin, throwingPlugin, futurePlugin, badMigrationsPlugin]);
  started = await startPlugins(handle, report);
  await seedDemoOrgs(handle.db);
  await seedBuiltinPrograms(handle.db);
});
afterAll(() => handle?.close());

describe("plugin lifecycle", () => {
  it("loads the example plugin into the core's registries", () => {
    expect(started.active.map((p) => p.manifest.id)).toEqual(["core", "example"]);
    expect(isPluginActive("example")).toBe(true);
    expect(getServiceHandler("example.recordAllowance")).toBeTypeOf("function");
    expect(getProgramTemplate("example-allowance")?.pluginId).toBe("example");
    expect(getProgramTemplate("membership")?.pluginId).toBeNull();
    expect(evaluateFeel("example_allowance(days)", { days: 12 })).toMatchObject({ ok: true, value: 600 });
    expect(evaluateFeel("example_allowance(99)")).toMatchObject({ ok: true, value: 1500 });
  });

  it("runs the plugin's own migrations into its own tracking table, and install once", async () => {
    const tracked = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations_example`));
    expect(tracked[0].n).toBe(1);
    const installed = await handle.db.select().from(exampleLedger).where(eq(exampleLedger.entry, "installed"));
    expect(installed).toHaveLength(1);
    const [row] = await handle.db.select().from(pluginInstalls).where(eq(pluginInstalls.pluginId, "example"));
    expect(row.installedVersion).toBe("1.0.0");

    // A second boot: migrations already applied, install not run again.
    await startPlugins(handle, loadPlugins([corePlugin, examplePlugin]));
    expect(await handle.db.select().from(exampleLedger).where(eq(exampleLedger.entry, "installed"))).toHaveLength(1);
  });

  it("a plugin that throws while loading is disabled, its registrations taken back, and an incident opened", async () => {
    expect(report.failed.find((f) => f.pluginId === "broken")).toMatchObject({ stage: "load" });
    expect(getServiceHandler("broken.half")).toBeUndefined();
    expect(pluginCatalog.get("broken")?.state).toBe("failed");
    const open = await handle.db.select().from(incidents).where(eq(incidents.subject, "broken"));
    expect(open).toHaveLength(1);
    expect(open[0].message).toContain("插件「broken」加载时出错：配置文件缺失");
    expect(open[0].message).toContain('plugin "broken" threw while loading');
  });

  it("a plugin for another host version is not loaded, with the range in the message", async () => {
    const f = started.failed.find((x) => x.pluginId === "future");
    expect(f).toMatchObject({ stage: "host" });
    expect(f?.messageZh).toContain(">=9.0.0");
    expect(f?.messageEn).toContain("needs host version >=9.0.0; this is 0.1.0");
  });

  it("migrations that touch tables outside p_<id>_ disable the plugin before anything runs", async () => {
    const f = started.failed.find((x) => x.pluginId === "sneaky");
    expect(f).toMatchObject({ stage: "migrate" });
    expect(f?.messageEn).toContain("cases");
    const sneaky = evaluateFeel("sneaky_fn()");
    expect(sneaky.ok ? sneaky.value : "error").not.toBe(1);
    const [exists] = rowsOf<{ t: string | null }>(await handle.db.execute(sql`select to_regclass('public.p_sneaky_notes')::text as t`));
    expect(exists.t).toBeNull();
  });

  it("a failure at every boot keeps one open incident and counts it; a clean start closes it", async () => {
    await startPlugins(handle, { active: [], failed: report.failed.filter((f) => f.pluginId === "broken") });
    const [again] = await handle.db.select().from(incidents).where(eq(incidents.subject, "broken"));
    expect(again.occurrences).toBe(2);
    await startPlugins(handle, { active: [{ ...throwingPlugin, load: () => {} }], failed: [] });
    const [closed] = await handle.db.select().from(incidents).where(eq(incidents.subject, "broken"));
    expect(closed.resolvedAt).not.toBeNull();
  });

  it("the rest keeps working: the example program runs end to end (FEEL function, handler, own table)", async () => {
    await setPluginEnabled(handle.db, "example", await resolveDistricts(handle.db, "huli"), true, "test");
    const worker = await userByMobile("13900000001");
    const [program] = await handle.db.select().from(programs).where(and(eq(programs.code, "example-allowance"), eq(programs.tenantId, "huli")));
    expect(program.pluginId).toBe("example");

    const small = await submitApplication(handle.db, worker, program.id, { days: 3 }, "example-small-1", "zh");
    await drainJobs(handle.db);
    const smallView = await getCaseView(handle.db, worker, small.caseId);
    expect(smallView.status).toBe("approved");
    const [ledger] = await handle.db.select().from(exampleLedger).where(eq(exampleLedger.caseId, small.caseId));
    expect(ledger.amount).toBe(150);

    const big = await submitApplication(handle.db, worker, program.id, { days: 12 }, "example-big-1", "zh");
    const approver = await userByMobile("13800000001");
    const task = (await listMyTasks(handle.db, approver)).find((t) => t.caseId === big.caseId);
    expect(task).toBeDefined();
    await decideTask(handle.db, approver, task!.taskId, { action: "approve", comment: "" });
    await drainJobs(handle.db);
    expect((await getCaseView(handle.db, worker, big.caseId)).status).toBe("approved");
    const [bigLedger] = await handle.db.select().from(exampleLedger).where(eq(exampleLedger.caseId, big.caseId));
    expect(bigLedger.amount).toBe(600);
    await setPluginEnabled(handle.db, "example", await resolveDistricts(handle.db, "huli"), false, "test");
  });
});

describe("duplicate keys stop boot", () => {
  it("names the registry, the key and both plugins, in Chinese and English", () => {
    const registries = createRegistries();
    const dup: NiangjiaPlugin = { manifest: manifest("copycat"), load: (r) => r.programTemplate({ ...getProgramTemplate("membership")! }) };
    let err: unknown;
    try {
      loadPlugins([corePlugin, dup], registries);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DuplicateKeyError);
    const message = (err as Error).message;
    expect(message).toContain("项目模板「membership」重复注册：已由插件「core」注册，插件「copycat」又注册了一次");
    expect(message).toContain('program template "membership" is already registered by plugin "core"; plugin "copycat" registered it again');
  });

  it("between two plugins, even when the second catches the error", () => {
    const registries = createRegistries();
    const a: NiangjiaPlugin = { manifest: manifest("alpha"), load: (r) => r.serviceHandler("shared.send", async () => ({})) };
    const b: NiangjiaPlugin = {
      manifest: manifest("beta"),
      load(r) {
        try {
          r.serviceHandler("shared.send", async () => ({}));
        } catch {
          // swallowing it does not help: boot still stops
        }
      },
    };
    expect(() => loadPlugins([a, b], registries)).toThrow(/服务任务处理器「shared.send」.*「alpha」.*「beta」.*service-task handler "shared.send"/);
  });

  it("covers every registry and plugin ids", () => {
    const kinds: [string, (r: Parameters<NiangjiaPlugin["load"]>[0]) => void][] = [
      ["FEEL function", (r) => r.feelFunction("same_fn", () => 1)],
      ["notification channel", (r) => r.notificationChannel({ id: "sms", send: async () => {} })],
      ["dashboard widget", (r) => r.dashboardWidget({ id: "w", title: { zh: "w", en: "w" }, loader: async () => 1 })],
      ["field type", (r) => r.fieldType({ type: "plate", valueKind: "string", emptyValue: "", props: {}, buildZod: () => null as never, hint: { widget: "input" } })],
    ];
    for (const [label, register] of kinds) {
      const registries = createRegistries();
      expect(() => loadPlugins([{ manifest: manifest("one"), load: register }, { manifest: manifest("two"), load: register }], registries)).toThrow(new RegExp(`${label} .* "one"; plugin "two"`));
    }
    const registries = createRegistries();
    expect(() => loadPlugins([{ manifest: manifest("twin"), load: () => {} }, { manifest: manifest("twin", { version: "2.0.0" }), load: () => {} }], registries)).toThrow(/插件「twin」重复注册.*twin@1\.0\.0.*twin@2\.0\.0/);
  });

  it("a core built-in counts too: a plugin cannot take a built-in field type's name", () => {
    const registries = createRegistries();
    registries.fieldTypes.register("text", {} as never);
    expect(() => loadPlugins([{ manifest: manifest("texty"), load: (r) => r.fieldType({ type: "text" } as never) }], registries)).toThrow(/字段类型「text」.*「core」.*「texty」/);
  });

  it("refuses a bad manifest or an async load without stopping the others", () => {
    const registries = createRegistries();
    const result = loadPlugins(
      [
        { manifest: { ...manifest("Bad-Id") }, load: () => {} },
        { manifest: manifest("slow"), load: (async () => {}) as never },
        { manifest: manifest("fine"), load: (r) => r.feelFunction("fine_fn", () => 2) },
      ],
      registries,
    );
    expect(result.active.map((p) => p.manifest.id)).toEqual(["fine"]);
    expect(result.failed.map((f) => [f.pluginId, f.stage])).toEqual([["Bad-Id", "manifest"], ["slow", "load"]]);
    expect(result.failed[1].messageEn).toContain("must register synchronously");
  });
});

describe("per-district visibility", () => {
  let cityProgramId: string;
  let huliProgramId: string;
  let simingProgramId: string;

  beforeAll(async () => {
    // One copy owned by the city (every district's workers are under it) and one per district.
    cityProgramId = (await installProgramTemplate(handle.db, getProgramTemplate("example-allowance")!, "xm")).programId;
    const byTenant = async (tenantId: string) =>
      (await handle.db.select().from(programs).where(and(eq(programs.code, "example-allowance"), eq(programs.tenantId, tenantId))))[0].id;
    huliProgramId = await byTenant("huli");
    simingProgramId = await byTenant("siming");
  });

  const openIds = async (mobile: string) => (await listOpenPrograms(handle.db, await userByMobile(mobile))).map((p) => p.id);
  const examplePrograms = async () => (await handle.db.select({ id: programs.id }).from(programs).where(eq(programs.pluginId, "example"))).map((p) => p.id);
  /** The example programs a worker sees; core programs (plugin id null) are seen regardless. */
  const openExample = async (mobile: string) => {
    const own = new Set(await examplePrograms());
    return (await openIds(mobile)).filter((id) => own.has(id));
  };
  const openCore = async (mobile: string) => {
    const own = new Set(await examplePrograms());
    return (await openIds(mobile)).filter((id) => !own.has(id));
  };

  it("shows a plugin's programs to nobody until a district enables it; core programs always", async () => {
    expect(await examplePrograms()).toHaveLength(3);
    for (const mobile of ["13900000001", "13900000009"]) {
      expect(await openExample(mobile)).toEqual([]);
      const [membership] = await handle.db.select({ id: programs.id }).from(programs).where(and(eq(programs.code, "membership"), eq(programs.tenantId, mobile === "13900000001" ? "huli" : "siming")));
      expect(await openCore(mobile)).toContain(membership.id);
    }
  });

  it("a plugin enabled for 湖里区 shows nothing to 思明区 workers", async () => {
    await setPluginEnabled(handle.db, "example", await resolveDistricts(handle.db, "湖里区总工会"), true, "test");
    const huliWorker = await userByMobile("13900000001");
    const simingWorker = await userByMobile("13900000009");

    expect((await openExample("13900000001")).sort()).toEqual([cityProgramId, huliProgramId].sort());
    expect(await getProgramForApply(handle.db, huliWorker, cityProgramId)).toBeDefined();

    expect(await openExample("13900000009")).toEqual([]);
    expect(await getProgramForApply(handle.db, simingWorker, cityProgramId)).toBeUndefined();
    expect(await getProgramForApply(handle.db, simingWorker, simingProgramId)).toBeUndefined();
    await expect(submitApplication(handle.db, simingWorker, cityProgramId, { days: 2 }, "siming-try-1", "zh")).rejects.toMatchObject({ code: "caseNotFound" });
  });

  it("disabling, or the plugin failing in this process, hides it again", async () => {
    const entry = pluginCatalog.get("example")!;
    entry.state = "failed";
    expect(await openIds("13900000001")).not.toContain(cityProgramId);
    entry.state = "active";
    await setPluginEnabled(handle.db, "example", await resolveDistricts(handle.db, "huli"), false, "test");
    expect(await openIds("13900000001")).not.toContain(cityProgramId);
  });

  it("an admin switches it only for the districts they govern", async () => {
    const admin = await userByMobile("13800000000");
    const view = await listPluginsForAdmin(handle.db, admin);
    expect(view.districts.map((d) => d.id)).toEqual(["huli"]);
    expect(view.plugins.find((p) => p.id === "example")).toMatchObject({ state: "active", installedVersion: "1.0.0", districts: [{ orgId: "huli", enabled: false }] });
    expect(view.plugins.find((p) => p.id === "broken")).toMatchObject({ state: "failed", failure: { stage: "load" } });
    expect(view.incidents.map((i) => i.pluginId)).toEqual(expect.arrayContaining(["future", "sneaky"]));

    await expect(setPluginEnabledByAdmin(handle.db, admin, "example", "siming", true)).rejects.toMatchObject({ code: "notYourDistrict", status: 403 });
    await expect(setPluginEnabledByAdmin(handle.db, admin, "core", "huli", false)).rejects.toMatchObject({ code: "coreAlwaysOn" });
    await expect(setPluginEnabledByAdmin(handle.db, admin, "nope", "huli", true)).rejects.toBeInstanceOf(PluginCommandError);
    expect(await openExample("13900000009")).toEqual([]);

    await setPluginEnabledByAdmin(handle.db, admin, "example", "huli", true);
    expect(await openIds("13900000001")).toContain(huliProgramId);
    expect(await openExample("13900000009")).toEqual([]);
  });

  it("resolves --org by id, credit code or name; a city means its districts; a street is refused", async () => {
    expect((await resolveDistricts(handle.db)).map((d) => d.id)).toEqual(["licheng", "huli", "siming"]);
    expect((await resolveDistricts(handle.db, "qz")).map((d) => d.id)).toEqual(["licheng"]);
    expect((await resolveDistricts(handle.db, "xm")).map((d) => d.id)).toEqual(["huli", "siming"]);
    expect((await resolveDistricts(handle.db, "思明区总工会")).map((d) => d.id)).toEqual(["siming"]);
    await expect(resolveDistricts(handle.db, "heshan")).rejects.toMatchObject({ code: "notDistrict" });
    await expect(resolveDistricts(handle.db, "nowhere")).rejects.toMatchObject({ code: "unknownOrg" });
  });
});

describe("plugin migration guard", () => {
  it("accepts the plugin's own names and refuses anything else", () => {
    const own = `CREATE TABLE "p_x_a" ("id" text, "b" text REFERENCES "cases"("id") ON DELETE cascade ON UPDATE no action);
      CREATE UNIQUE INDEX "p_x_a_b" ON "p_x_a" USING btree ("b");
      ALTER TABLE "p_x_a" ADD COLUMN "c" text; INSERT INTO "p_x_a" VALUES ('update users set x');`;
    expect(foreignNamesInSql(own, "x")).toEqual([]);
    expect(foreignNamesInSql(`ALTER TABLE "cases" ADD COLUMN "x" text; CREATE INDEX "p_x_i" ON "users" ("id")`, "x")).toEqual(["cases", "users"]);
    expect(foreignNamesInSql(`create table other.p_x_t (id int); drop table if exists public.audit_log; update "tasks" set a = 1`, "x")).toEqual(["audit_log", "other.p_x_t", "tasks"]);
    expect(foreignNamesInSql(`CREATE TABLE "p_xy_t" (id int)`, "x")).toEqual(["p_xy_t"]);
    // A trigger's events are not writes; the trigger and the table it is on must be the plugin's.
    const trigger = `CREATE FUNCTION p_x_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END; $$;
      CREATE TRIGGER p_x_t BEFORE UPDATE OR DELETE ON p_x_a FOR EACH ROW EXECUTE FUNCTION p_x_f();`;
    expect(foreignNamesInSql(trigger, "x")).toEqual([]);
    expect(foreignNamesInSql(`CREATE TRIGGER sneaky AFTER INSERT OR UPDATE OF name ON "users" FOR EACH ROW EXECUTE FUNCTION p_x_f()`, "x")).toEqual(["sneaky", "users"]);
  });
});
