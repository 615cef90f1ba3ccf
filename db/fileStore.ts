import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db, DbHandle } from "./client";
import { getDb } from "./client";
import { fileBlobs } from "./schema";

/**
 * Where uploaded bytes live, by tenant and SHA-256 of the content (identical uploads share
 * storage). Rows in `files` say who owns what; a store only keeps bytes. See
 * docs/decisions/004-file-store.md for why PGlite keeps a directory and PostgreSQL a table.
 */
export interface FileStore {
  kind: "local" | "database";
  /** Idempotent: storing the same content twice keeps one copy. */
  put(tenantId: string, sha256: string, bytes: Uint8Array): Promise<void>;
  get(tenantId: string, sha256: string): Promise<Uint8Array | null>;
  /** Drop the bytes (no error when absent); callers first make sure no file row still names them. */
  remove(tenantId: string, sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

function checkKey(tenantId: string, sha256: string): void {
  // Both end up in a path: refuse anything that could climb out of the store's directory.
  if (!SAFE_SEGMENT.test(tenantId) || !SHA256.test(sha256)) throw new Error(`invalid file key ${tenantId}/${sha256}`);
}

/** Bytes in a directory: `<dir>/<tenant>/<ab>/<sha256>`, written to a temporary name and renamed into place. */
export class LocalFileStore implements FileStore {
  readonly kind = "local" as const;
  constructor(readonly dir: string) {}

  private pathOf(tenantId: string, sha256: string): string {
    checkKey(tenantId, sha256);
    return path.join(this.dir, tenantId, sha256.slice(0, 2), sha256);
  }

  async put(tenantId: string, sha256: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(tenantId, sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
    await writeFile(temp, bytes);
    await rename(temp, target); // atomic: a reader sees no file or the whole file
  }

  async get(tenantId: string, sha256: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(tenantId, sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async remove(tenantId: string, sha256: string): Promise<void> {
    await rm(this.pathOf(tenantId, sha256), { force: true });
  }
}

/** Bytes in the `file_blobs` table, so that any number of app processes share them. */
export class DatabaseFileStore implements FileStore {
  readonly kind = "database" as const;
  constructor(private db: Db) {}

  async put(tenantId: string, sha256: string, bytes: Uint8Array): Promise<void> {
    checkKey(tenantId, sha256);
    await this.db.insert(fileBlobs).values({ tenantId, sha256, bytes }).onConflictDoNothing();
  }

  async get(tenantId: string, sha256: string): Promise<Uint8Array | null> {
    checkKey(tenantId, sha256);
    const [row] = await this.db.select({ bytes: fileBlobs.bytes }).from(fileBlobs).where(and(eq(fileBlobs.tenantId, tenantId), eq(fileBlobs.sha256, sha256)));
    return row ? new Uint8Array(row.bytes) : null;
  }

  async remove(tenantId: string, sha256: string): Promise<void> {
    checkKey(tenantId, sha256);
    await this.db.delete(fileBlobs).where(and(eq(fileBlobs.tenantId, tenantId), eq(fileBlobs.sha256, sha256)));
  }
}

/** `FILES_DIR`, or a folder beside the PGlite data folder (PGlite refuses a data folder with foreign entries). */
export function defaultFilesDir(): string {
  return process.env.FILES_DIR ? path.resolve(process.env.FILES_DIR) : `${path.resolve(process.env.DATA_DIR ?? ".data")}-files`;
}

/** `FILE_STORE=local|database` chooses; otherwise PostgreSQL keeps bytes in the database and PGlite in a directory. */
export function createFileStore(handle: Pick<DbHandle, "db" | "kind">): FileStore {
  const choice = process.env.FILE_STORE ?? (handle.kind === "postgres" ? "database" : "local");
  if (choice === "database") return new DatabaseFileStore(handle.db);
  if (choice === "local") return new LocalFileStore(defaultFilesDir());
  throw new Error(`FILE_STORE 只能是 local 或 database / FILE_STORE must be local or database, not "${choice}"`);
}

const GLOBAL_KEY = Symbol.for("niangjia.fileStore");
type GlobalWithStore = typeof globalThis & { [GLOBAL_KEY]?: Promise<FileStore> };

/** The process-wide store, beside the process-wide database (kept on globalThis for the same reason). */
export function getFileStore(): Promise<FileStore> {
  const g = globalThis as GlobalWithStore;
  g[GLOBAL_KEY] ??= getDb().then(createFileStore);
  return g[GLOBAL_KEY];
}

/** Install a store as the process-wide one (tests). */
export function setFileStore(store: FileStore): void {
  (globalThis as GlobalWithStore)[GLOBAL_KEY] = Promise.resolve(store);
}
