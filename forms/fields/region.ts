import { z } from "zod";
import type { FieldDefBase } from "../fieldDef";
import { defineFieldType, type FieldZodContext, type SchemaProblem } from "../fieldType";
import type { Locale } from "../messages";
import {
  REGION_CODE_LENGTHS, REGION_LEVELS, REGION_ROOT, regionLevelOf, regionSource, type RegionLevel,
} from "../regions/regionSource";

/**
 * 省/市/区/街道 cascade. `level` is the deepest level asked for (区 by default); `within` fixes
 * the upper levels to one region (a district union asks only for its own streets: "350206").
 * Stored as codes and names, names always taken from the data, never from the client.
 */
export type RegionFieldDef = FieldDefBase & { type: "region"; level?: RegionLevel; within?: string };

export type RegionValue = { codes: string[]; names: string[] };

const LEVEL_NAMES: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: "省", en: "province" },
  city: { zh: "市", en: "city" },
  area: { zh: "区县", en: "district" },
  street: { zh: "街道乡镇", en: "street" },
};

export function regionLevelName(level: RegionLevel, locale: Locale): string {
  return LEVEL_NAMES[level][locale];
}

/** How many codes a complete answer has. */
export function regionDepth(field: { level?: RegionLevel }): number {
  return REGION_LEVELS.indexOf(field.level ?? "area") + 1;
}

/** The fixed upper codes of `within` ("350206" → 35, 3502, 350206). */
export function withinChain(within: string | undefined): string[] {
  if (!within) return [];
  const level = regionLevelOf(within);
  return REGION_CODE_LENGTHS.slice(0, level + 1).map((n) => within.slice(0, n));
}

/** Placeholders of the national statistics data that read badly in an address. */
const FILLER_NAMES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

export function regionText(value: RegionValue): string {
  return value.names.filter((n) => !FILLER_NAMES.has(n)).join("");
}

const inputSchema = z.strictObject({
  codes: z.array(z.string().max(12)).max(4),
  names: z.array(z.string().max(64)).max(4).optional(),
});

function checkChain(field: RegionFieldDef, ctx: FieldZodContext) {
  const depth = regionDepth(field);
  const fixed = withinChain(field.within);
  const levelName = regionLevelName(field.level ?? "area", ctx.locale);
  return (input: z.infer<typeof inputSchema>, issueCtx: z.RefinementCtx): RegionValue => {
    const fail = (message: string) => {
      issueCtx.addIssue({ code: "custom", message, input });
      return z.NEVER;
    };
    const { codes } = input;
    const source = regionSource();
    const names: string[] = [];
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      const parent = i === 0 ? REGION_ROOT : codes[i - 1];
      if (code.length !== REGION_CODE_LENGTHS[i] || !/^\d+$/.test(code) || (i > 0 && !code.startsWith(parent))) return fail(ctx.message("regionUnknown"));
      if (i < fixed.length && code !== fixed[i]) return fail(ctx.message("regionOutside", { within: fixed.at(-1) ?? "" }));
      const siblings = source.children(parent);
      const entry = siblings?.find((e) => e.code === code);
      if (siblings && !entry) return fail(ctx.message("regionUnknown"));
      if (!siblings && source.complete) return fail(ctx.message("regionUnknown"));
      names.push(entry?.name ?? input.names?.[i]?.trim() ?? "");
    }
    // A complete answer reaches the asked level, unless the data has nothing below where it stops.
    const last = codes.at(-1);
    const stopsEarly = codes.length < depth && !(source.complete && last !== undefined && !source.children(last)?.length);
    if (codes.length === 0 || stopsEarly) return fail(ctx.message("regionIncomplete", { level: levelName }));
    if (codes.length > depth) return fail(ctx.message("regionUnknown"));
    return { codes: [...codes], names };
  };
}

export const regionField = defineFieldType<RegionFieldDef>({
  type: "region",
  valueKind: "object",
  emptyValue: null,
  props: {
    level: z.enum(REGION_LEVELS).optional(),
    within: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, "within 须为2、4、6或9位地区代码 / within must be a 2, 4, 6 or 9-digit region code").optional(),
  },
  isEmpty: (value) =>
    value === undefined || value === null ||
    (typeof value === "object" && !Array.isArray(value) && Array.isArray((value as { codes?: unknown }).codes) && (value as { codes: unknown[] }).codes.length === 0),
  buildZod: (field, ctx) => {
    const check = checkChain(field, ctx);
    return z.unknown().transform((raw, issueCtx) => {
      const parsed = inputSchema.safeParse(raw);
      if (parsed.success) return check(parsed.data, issueCtx);
      issueCtx.addIssue({ code: "custom", message: ctx.message("wrongType"), input: raw });
      return z.NEVER;
    });
  },
  checkDef: (field) => {
    const problems: SchemaProblem[] = [];
    if (field.within && regionLevelOf(field.within) >= regionDepth(field)) {
      problems.push({ path: ["within"], code: "within_too_deep", message: "within 不能比 level 更细 / within must be above the asked level" });
    }
    return problems;
  },
  display: (value) => (typeof value === "object" && value !== null && Array.isArray((value as RegionValue).names) ? regionText(value as RegionValue) : ""),
  hint: { widget: "region", group: true },
});
