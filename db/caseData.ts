import { isSealed, openValue, sealValue, type Sealed } from "./sealedValue";

/**
 * The one place case data is sealed and opened (cases.data, the engine snapshot's copy of it,
 * waitlist entries and drafts). Writers seal the paths the form marks sensitive; readers that
 * need plain values open — any sealed value found, so reading needs no form.
 */

/** Where a form keeps personal numbers (forms/sensitiveFields.ts sensitivePathsOf). */
export type SealPaths = { keys: readonly string[]; columns: Readonly<Record<string, readonly string[]>> };

const seal = (value: unknown): unknown => (typeof value === "string" && value !== "" ? sealValue(value) : value);

/** A copy of `data` with the sensitive strings sealed; values sealed already are kept as they are. */
export function sealCaseData(data: Record<string, unknown>, paths: SealPaths): Record<string, unknown> {
  if (paths.keys.length === 0 && Object.keys(paths.columns).length === 0) return data;
  const out: Record<string, unknown> = { ...data };
  for (const key of paths.keys) if (key in out) out[key] = seal(out[key]);
  for (const [table, columns] of Object.entries(paths.columns)) {
    const rows = out[table];
    if (!Array.isArray(rows)) continue;
    out[table] = rows.map((row: unknown) => {
      if (!row || typeof row !== "object") return row;
      const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
      for (const c of columns) if (c in copy) copy[c] = seal(copy[c]);
      return copy;
    });
  }
  return out;
}

/** A copy of stored data (or anything holding it) with every sealed value opened. */
export function openCaseData<T>(stored: T): T {
  return openDeep(stored) as T;
}

function openDeep(value: unknown): unknown {
  if (isSealed(value)) return openValue(value);
  if (Array.isArray(value)) return value.map(openDeep);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openDeep(v)]));
  return value;
}

/** The engine's persisted snapshot keeps the form data in `context.data`; it is sealed like the case's own. */
export function sealSnapshot<T>(snapshot: T, paths: SealPaths): T {
  const s = snapshot as { context?: { data?: Record<string, unknown> } };
  if (!s?.context?.data) return snapshot;
  return { ...s, context: { ...s.context, data: sealCaseData(s.context.data, paths) } } as T;
}

/** The searchable hashes of the sealed values in stored data (search and duplicate checks compare these). */
export function sealedHashes(stored: unknown, into: Set<string> = new Set()): Set<string> {
  if (isSealed(stored)) into.add((stored as Sealed).$hash);
  else if (Array.isArray(stored)) for (const v of stored) sealedHashes(v, into);
  else if (stored && typeof stored === "object") for (const v of Object.values(stored)) sealedHashes(v, into);
  return into;
}
