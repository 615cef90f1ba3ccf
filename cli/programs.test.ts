import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./main";
import { useFreshCliDatabase } from "../tests/support/cliDatabase";

async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await main(["node", "niangjia", ...args], (l) => lines.push(l));
  return { code, text: lines.join("\n") };
}

let cleanup: () => Promise<void>;
beforeAll(async () => {
  cleanup = await useFreshCliDatabase("cli_programs");
  expect((await run("seed")).code).toBe(0);
}, 120_000);
afterAll(() => cleanup());

describe("niangjia programs list", () => {
  it("--json lists each program with its versions, status, settings and case counts", async () => {
    const { code, text } = await run("programs", "list", "--json");
    expect(code).toBe(0);
    const list = JSON.parse(text) as { code: string; name: { zh: string }; versions: { version: number; status: string }[]; settings: { audience: string }; cases: Record<string, number> }[];
    const membership = list.find((p) => p.code === "membership");
    expect(membership).toMatchObject({ name: { zh: "入会申请" }, settings: { audience: "subtree" }, cases: {} });
    expect(membership!.versions).toEqual([expect.objectContaining({ version: 1, status: "published" })]);
  });

  it("prints one readable line per program without --json", async () => {
    const { code, text } = await run("programs", "list");
    expect(code).toBe(0);
    expect(text).toMatch(/membership {2}入会申请 \/ .+v1 published/);
  });
});

describe("niangjia retention run", () => {
  it("--dry-run reports what the retention period would remove and changes nothing", async () => {
    const dry = await run("retention", "run", "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.text)).toEqual({ dryRun: true, purged: [], orphanUploads: 0, blobsRemoved: 0 });
    const real = await run("retention", "run");
    expect(real.code).toBe(0);
    expect(real.text).toBe("purged 0 case(s); removed 0 unsubmitted upload(s)");
  });
});
