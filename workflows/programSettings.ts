import { z } from "zod";
import { chinaYearMonth } from "../db/counters";
import { evaluateFeel } from "../forms/feel";

/**
 * What an admin sets on a program besides its form and flow: who may apply, when, how often,
 * and how many seats there are. Stored as `programs.settings` (JSON) and checked on every submit.
 */
export const programSettingsSchema = z.strictObject({
  /** subtree: anyone in the owner org's subtree; members: only union members (会员编号); anyone: any signed-in worker of the tenant. */
  audience: z.enum(["subtree", "members", "anyone"]).default("subtree"),
  /** FEEL over the applicant's profile: { isMember, memberNo, orgLevel, orgName, age, gender }. */
  eligibility: z.string().trim().max(2000).optional(),
  eligibilityMessage: z.strictObject({ zh: z.string().max(200), en: z.string().max(200) }).optional(),
  window: z
    .strictObject({ opensAt: z.iso.datetime({ offset: true }).optional(), closesAt: z.iso.datetime({ offset: true }).optional() })
    .refine((w) => !w.opensAt || !w.closesAt || Date.parse(w.opensAt) < Date.parse(w.closesAt), { message: "opensAt must be before closesAt" })
    .optional(),
  /** Per-person limit: `count` applications per period; the person is the applicant, or the value of `keyField` (e.g. the child's 身份证号). */
  limit: z
    .strictObject({
      per: z.enum(["ever", "year", "month"]),
      count: z.number().int().min(1).max(100).default(1),
      keyField: z.string().max(64).optional(),
    })
    .optional(),
  /** Seats for the whole program, or per option of `field` (e.g. one 暑托班 class per option). */
  capacity: z
    .strictObject({
      field: z.string().max(64).optional(),
      seats: z.union([z.number().int().min(0).max(1_000_000), z.record(z.string().max(64), z.number().int().min(0).max(1_000_000))]),
      waitlist: z.boolean().default(true),
    })
    .optional(),
  retentionYears: z.number().int().min(1).max(30).optional(),
});

export type ProgramSettings = z.infer<typeof programSettingsSchema>;

/** Settings as stored; a row written before a setting existed reads as the defaults. */
export function readProgramSettings(raw: unknown): ProgramSettings {
  const parsed = programSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : programSettingsSchema.parse({});
}

export type ApplicantProfile = { isMember: boolean; memberNo: string | null; orgLevel: string; orgName: string };

export type Refusal = { code: "notOpenYet" | "closed" | "membersOnly" | "notEligible"; zh: string; en: string };

const beijing = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/** Why this person may not apply now, or null when they may. */
export function applyRefusal(settings: ProgramSettings, profile: ApplicantProfile, at: Date): Refusal | null {
  const { window } = settings;
  if (window?.opensAt && at.getTime() < Date.parse(window.opensAt)) {
    return { code: "notOpenYet", zh: `本项目将于 ${beijing(window.opensAt)} 开始受理`, en: `Applications open on ${window.opensAt}` };
  }
  if (window?.closesAt && at.getTime() >= Date.parse(window.closesAt)) {
    return { code: "closed", zh: `本项目已于 ${beijing(window.closesAt)} 截止受理`, en: `Applications closed on ${window.closesAt}` };
  }
  if (settings.audience === "members" && !profile.isMember) {
    return { code: "membersOnly", zh: "本项目仅限工会会员申请，请先办理入会", en: "Only union members may apply; please join the union first" };
  }
  if (settings.eligibility) {
    const result = evaluateFeel(settings.eligibility, profile);
    if (!(result.ok && result.value === true)) {
      const m = settings.eligibilityMessage;
      return { code: "notEligible", zh: m?.zh || "您不符合本项目的申请条件", en: m?.en || "You do not meet this program's conditions" };
    }
  }
  return null;
}

const periodKeys: Record<NonNullable<ProgramSettings["limit"]>["per"], (at: Date) => string> = {
  ever: () => "ever",
  year: (at) => chinaYearMonth(at).year,
  month: (at) => {
    const { year, month } = chinaYearMonth(at);
    return `${year}-${month}`;
  },
};

/** The period an application counts against, in Beijing time. */
export function periodKeyOf(limit: NonNullable<ProgramSettings["limit"]>, at: Date): string {
  return periodKeys[limit.per](at);
}

const periodWords: Record<NonNullable<ProgramSettings["limit"]>["per"], { zh: string; en: string }> = {
  ever: { zh: "", en: "" },
  year: { zh: "每年", en: " per year" },
  month: { zh: "每月", en: " per month" },
};

/** 已达申请上限, in words that name the rule. */
export function limitMessage(limit: NonNullable<ProgramSettings["limit"]>): { zh: string; en: string } {
  const w = periodWords[limit.per];
  const who = limit.keyField ? { zh: "同一证件", en: "the same ID" } : { zh: "每人", en: "each person" };
  return {
    zh: `本项目${who.zh}${w.zh}限申请 ${limit.count} 次，您已达到上限`,
    en: `This program allows ${limit.count} application(s) for ${who.en}${w.en}; the limit is reached`,
  };
}

/** The seat pool an application draws from, and its capacity; undefined when the program has no seats. */
export function seatPoolOf(settings: ProgramSettings, data: Record<string, unknown>): { poolKey: string; capacity: number | undefined } | undefined {
  const cap = settings.capacity;
  if (!cap) return undefined;
  const poolKey = cap.field ? String(data[cap.field] ?? "") : "*";
  const capacity = typeof cap.seats === "number" ? cap.seats : cap.seats[poolKey];
  return { poolKey, capacity };
}
