/** postgres.js returns an array from `execute`, PGlite an object with `rows`; callers want rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
