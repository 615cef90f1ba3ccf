import { parseIdNumber } from "./idNumber";

/**
 * FEEL functions every form may call, in the browser and on the server alike (plugins add
 * more through the registry). What a 身份证号 tells: `ageFromId(childId) >= 6`.
 */
export const feelBuiltins: Record<string, (...args: never[]) => unknown> = {
  ageFromId: (id: unknown) => (typeof id === "string" ? (parseIdNumber(id)?.age ?? null) : null),
  birthDateFromId: (id: unknown) => (typeof id === "string" ? (parseIdNumber(id)?.birthDate ?? null) : null),
  /** "male" or "female" (GB 11643: the 17th digit is odd for men). */
  genderFromId: (id: unknown) => (typeof id === "string" ? (parseIdNumber(id)?.gender ?? null) : null),
};
