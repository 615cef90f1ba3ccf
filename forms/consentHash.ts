import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { LocalizedText } from "./fieldDef";

/**
 * The fingerprint of a consent text as the applicant saw it, stored with every submission
 * beside the version: "sha256:" + hex over the Chinese and English texts. Synchronous, the
 * same in the browser and on the server.
 */
export function consentTextHash(text: LocalizedText): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(JSON.stringify([text.zh, text.en]))))}`;
}
