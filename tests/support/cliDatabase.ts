import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The CLI opens the database named by the environment: point it at a fresh one (a new
 * PostgreSQL database under DATABASE_URL, else a temporary PGlite directory). Returns a
 * function that drops it and restores the environment.
 */
export async function useFreshCliDatabase(label: string): Promise<() => Promise<void>> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  let drop: () => Promise<void>;
  if (saved.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(saved.DATABASE_URL, { max: 1, onnotice: () => {} });
    const name = `nj_test_${label}_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(saved.DATABASE_URL);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    drop = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), `nj-${label}-`));
    process.env.DATA_DIR = dir;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  return async () => {
    await drop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
