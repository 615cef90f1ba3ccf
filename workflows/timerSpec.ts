import { Temporal } from "temporal-polyfill";
import { addWorkingDays, type WorkCalendar } from "./workingDays";
import type { TimerSpec } from "./types";

/** Durations and dates count in Beijing time (a day is a calendar day there, months keep their day). */
const ZONE = "Asia/Shanghai";

/** An ISO 8601 duration (P3D, PT2H, P1DT12H, P1W) that moves time forward, or null. */
export function parseDuration(text: string): Temporal.Duration | null {
  try {
    const d = Temporal.Duration.from(text.trim());
    return d.sign > 0 ? d : null;
  } catch {
    return null;
  }
}

/** An ISO 8601 date-time; without an offset it is Beijing time. */
export function parseDateTime(text: string): string | null {
  const t = text.trim();
  try {
    return Temporal.Instant.from(t).toString();
  } catch {
    try {
      return Temporal.PlainDateTime.from(t).toZonedDateTime(ZONE).toInstant().toString();
    } catch {
      return null;
    }
  }
}

/** `R3/PT4H` (three times, four hours apart) or `R/P1D` (until the activity is left; at most 100). */
export function parseCycle(text: string): { repeat: number; iso: string } | null {
  const m = /^R(\d*)\/(P[^/]+)$/.exec(text.trim());
  if (!m || !parseDuration(m[2])) return null;
  const repeat = m[1] === "" ? 100 : Number(m[1]);
  return repeat > 0 ? { repeat: Math.min(repeat, 100), iso: m[2] } : null;
}

/** When a timer entered at `nowIso` fires. */
export function timerDueAt(spec: TimerSpec, nowIso: string, calendar?: WorkCalendar): string {
  if (spec.kind === "workingDays") return addWorkingDays(nowIso, spec.days, calendar);
  if (spec.kind === "date") return parseDateTime(spec.iso) ?? nowIso;
  const duration = parseDuration(spec.iso);
  if (!duration) return nowIso;
  return Temporal.Instant.from(nowIso).toZonedDateTimeISO(ZONE).add(duration).toInstant().toString();
}
