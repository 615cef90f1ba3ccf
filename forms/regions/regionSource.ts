/**
 * Where the 省/市/区/街道 cascade's names come from. The server installs the full national
 * data (fullRegionData.ts, ~41,000 streets); the browser never loads it whole: the widget
 * fetches one level at a time and remembers what it fetched here, so the browser's
 * validator checks what it has seen and leaves the rest to the server.
 */
export type RegionEntry = { code: string; name: string };

export type RegionLevel = "province" | "city" | "area" | "street";

export const REGION_LEVELS: RegionLevel[] = ["province", "city", "area", "street"];

/** Code length per level in GB/T 2260 + the 乡镇 code: 35 → 3502 → 350206 → 350206003. */
export const REGION_CODE_LENGTHS = [2, 4, 6, 9];

/** Parent code of the provinces. */
export const REGION_ROOT = "0";

export interface RegionSource {
  /** The children of a code (REGION_ROOT for provinces); undefined when this source does not know. */
  children(parentCode: string): RegionEntry[] | undefined;
  /** A complete source knows every code: what it does not list does not exist. */
  readonly complete: boolean;
}

const remembered = new Map<string, RegionEntry[]>();

/** A source holding only what a browser has fetched so far (the default). */
export const rememberedRegionSource: RegionSource = { children: (code) => remembered.get(code), complete: false };

let current: RegionSource = rememberedRegionSource;

export function installRegionSource(source: RegionSource): void {
  current = source;
}

export function regionSource(): RegionSource {
  return current;
}

/** The browser widget calls this with each level it fetched. */
export function rememberRegionChildren(parentCode: string, children: RegionEntry[]): void {
  remembered.set(parentCode, children);
}

/** The level of a code by its length, or -1. */
export function regionLevelOf(code: string): number {
  return REGION_CODE_LENGTHS.indexOf(code.length);
}
