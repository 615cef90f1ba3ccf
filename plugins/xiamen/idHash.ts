import { lookupHash } from "../../workflows/lookupHash";

/**
 * How the plugin's tables name a person: the keyed hash of the 身份证号 as the form stores it
 * (trimmed, upper case), the same one the core keeps beside the sealed number, so the number
 * itself is never stored in a plugin table and the hash cannot be reversed without the key.
 */
export function idHash(idNumber: unknown): string | null {
  if (typeof idNumber !== "string" || idNumber.trim() === "") return null;
  return lookupHash(idNumber.trim().toUpperCase());
}
