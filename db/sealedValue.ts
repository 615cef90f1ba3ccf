import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { dataKeys } from "./dataKey";

/**
 * A personal number as stored: AES-256-GCM ciphertext (`v1.<key id>.<base64url iv|tag|ct>`) and,
 * beside it, a keyed HMAC-SHA256 of the plain value for exact-match search and uniqueness.
 */
export type Sealed = { $sealed: string; $hash: string };

const VERSION = "v1";

export function isSealed(value: unknown): value is Sealed {
  return typeof value === "object" && value !== null && typeof (value as Sealed).$sealed === "string" && typeof (value as Sealed).$hash === "string";
}

/** The searchable hash of a value in its stored (normalized) form. */
export function lookupHash(plain: string): string {
  return createHmac("sha256", dataKeys().lookup).update(plain, "utf8").digest("hex");
}

export function sealValue(plain: string): Sealed {
  const keys = dataKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${keys.id}`));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const blob = Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url");
  return { $sealed: `${VERSION}.${keys.id}.${blob}`, $hash: lookupHash(plain) };
}

export class SealedValueError extends Error {}

export function openValue(sealed: Sealed): string {
  const [version, keyId, blob] = sealed.$sealed.split(".");
  const keys = dataKeys();
  if (version !== VERSION || !blob) throw new SealedValueError(`unknown sealed value format "${version}"`);
  if (keyId !== keys.id) {
    throw new SealedValueError(
      `数据由另一把密钥加密（${keyId}），本进程的密钥是 ${keys.id}：请在每个进程设置相同的 NIANGJIA_DATA_KEY / ` +
        `data was sealed with key ${keyId} but this process has ${keys.id}: set the same NIANGJIA_DATA_KEY in every process`,
    );
  }
  const raw = Buffer.from(blob, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keys.encryption, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
