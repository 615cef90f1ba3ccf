/**
 * Hide all but the first `keepStart` and last `keepEnd` characters of a number with `*`
 * (138****5678). A value too short to keep anything hidden is starred whole.
 */
export function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = [...value];
  if (chars.length <= keepStart + keepEnd) return "*".repeat(chars.length);
  return chars.slice(0, keepStart).join("") + "*".repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join("");
}
