import { rememberRegionChildren, type RegionEntry } from "../../../forms/regions/regionSource";

const pending = new Map<string, Promise<RegionEntry[]>>();

/**
 * The children of a region code, fetched one level at a time from /regions/:parent and kept
 * for the page's life. What is fetched is also remembered for the browser's validator.
 */
export function loadRegionChildren(parentCode: string): Promise<RegionEntry[]> {
  let request = pending.get(parentCode);
  if (!request) {
    request = fetch(`/regions/${encodeURIComponent(parentCode)}`, { headers: { Accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`regions ${parentCode}: HTTP ${response.status}`);
        const list = (await response.json()) as RegionEntry[];
        rememberRegionChildren(parentCode, list);
        return list;
      })
      .catch((err: unknown) => {
        pending.delete(parentCode); // let a later attempt retry
        throw err;
      });
    pending.set(parentCode, request);
  }
  return request;
}
