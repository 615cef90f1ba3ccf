import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { createFileStore, DatabaseFileStore, defaultFilesDir, LocalFileStore, type FileStore } from "./fileStore";
import { createTestDb } from "./testing";

let handle: DbHandle;
let dir: string;
beforeAll(async () => {
  handle = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "nj-store-"));
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.each([
  ["local directory", () => new LocalFileStore(dir) as FileStore],
  ["database table", () => new DatabaseFileStore(handle.db) as FileStore],
])("file store: %s", (_name, make) => {
  it("keeps bytes by tenant and hash, once however often they are stored", async () => {
    const store = make();
    const bytes = new TextEncoder().encode(`工会 ${_name}`);
    await store.put("huli", sha(bytes), bytes);
    await store.put("huli", sha(bytes), bytes);
    expect(Buffer.from((await store.get("huli", sha(bytes)))!).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.get("siming", sha(bytes))).toBeNull();
    expect(await store.get("huli", sha(new Uint8Array([1])))).toBeNull();
  });

  it("refuses keys that could leave the store (path segments, not a hash)", async () => {
    const store = make();
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(store.put("../etc", sha(bytes), bytes)).rejects.toThrow(/invalid file key/);
    await expect(store.get("huli", "../../passwd")).rejects.toThrow(/invalid file key/);
  });
});

describe("file store: choice", () => {
  it("leaves no temporary files behind in the directory", () => {
    const all = readdirSync(dir, { recursive: true }).map(String);
    expect(all.filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("uses the database with PostgreSQL, a folder beside the PGlite data otherwise, FILE_STORE overriding", () => {
    expect(createFileStore({ db: handle.db, kind: "postgres" }).kind).toBe("database");
    expect(createFileStore({ db: handle.db, kind: "pglite" }).kind).toBe("local");
    const saved = { ...process.env };
    try {
      process.env.DATA_DIR = "/srv/nj/data";
      delete process.env.FILES_DIR;
      expect(defaultFilesDir()).toBe("/srv/nj/data-files");
      process.env.FILE_STORE = "database";
      expect(createFileStore({ db: handle.db, kind: "pglite" }).kind).toBe("database");
      process.env.FILE_STORE = "s3";
      expect(() => createFileStore({ db: handle.db, kind: "pglite" })).toThrow(/FILE_STORE/);
    } finally {
      process.env = saved;
    }
  });
});
