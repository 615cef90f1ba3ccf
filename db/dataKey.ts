import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The master key that seals personal numbers in case data. From NIANGJIA_DATA_KEY (32 bytes,
 * base64 or hex) when set — every process of a deployment must share it — otherwise from a key
 * file made once beside the embedded database (`<DATA_DIR>-key`, i.e. `.data-key`: PGlite refuses
 * to create its database in a folder that already holds a file, and a copy of the database folder
 * alone then does not carry the key with it). Never committed: `.data-*` is git-ignored.
 */
export type DataKeys = {
  /** AES-256-GCM key for the values. */
  encryption: Buffer;
  /** HMAC-SHA256 key for the searchable hashes beside them. */
  lookup: Buffer;
  /** A short public fingerprint stored with each sealed value, so a wrong key is named as such. */
  id: string;
  source: "env" | "file";
};

export function dataKeyFile(): string {
  return process.env.NIANGJIA_DATA_KEY_FILE ? path.resolve(process.env.NIANGJIA_DATA_KEY_FILE) : `${path.resolve(process.env.DATA_DIR ?? ".data")}-key`;
}

export class DataKeyError extends Error {}

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) {
    throw new DataKeyError(`${where} 须为32字节密钥（base64或64位十六进制） / ${where} must be a 32-byte key (base64 or 64 hex digits), e.g. \`openssl rand -base64 32\``);
  }
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return parseKey(readFileSync(file, "utf8"), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": two processes starting at once on a fresh folder cannot both write a key.
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parseKey(readFileSync(file, "utf8"), file);
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, "niangjia", purpose, 32));
}

let cached: { raw: string; keys: DataKeys } | undefined;

/** The process's data keys (read once; a changed NIANGJIA_DATA_KEY is picked up, for tests). */
export function dataKeys(): DataKeys {
  const env = process.env.NIANGJIA_DATA_KEY ?? "";
  const raw = env || `file:${dataKeyFile()}`;
  if (cached?.raw === raw) return cached.keys;
  const master = env ? parseKey(env, "NIANGJIA_DATA_KEY") : readOrCreateKeyFile(dataKeyFile());
  const keys: DataKeys = {
    encryption: derive(master, "case data encryption v1"),
    lookup: derive(master, "case data lookup hash v1"),
    id: createHash("sha256").update(derive(master, "key id")).digest("hex").slice(0, 8),
    source: env ? "env" : "file",
  };
  cached = { raw, keys };
  return keys;
}
