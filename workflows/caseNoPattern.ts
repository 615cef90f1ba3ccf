import { z } from "zod";

/**
 * A case number pattern such as `JQZX-{yyyy}-{seq:4}`: letters, digits and - _ / around the
 * placeholders {yyyy} {yy} {mm} and exactly one {seq} or {seq:N} (N = 1…8 digits). The sequence
 * restarts per program and year (db/counters.ts), so a pattern without {yyyy} or {yy} repeats
 * numbers across years and is refused.
 */
export const caseNoPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .superRefine((pattern, ctx) => {
    const placeholders = pattern.match(/\{[^}]*\}/g) ?? [];
    const unknown = placeholders.filter((p) => !/^\{(yyyy|yy|mm|seq(:[1-8])?)\}$/.test(p));
    if (unknown.length) ctx.addIssue({ code: "custom", message: `不认识的占位符 ${unknown.join(" ")}，可用 {yyyy} {yy} {mm} {seq:4} / unknown placeholder ${unknown.join(" ")}` });
    if (/[^A-Za-z0-9\-_/]/.test(pattern.replace(/\{[^}]*\}/g, ""))) ctx.addIssue({ code: "custom", message: "只能使用字母、数字和 - _ / / only letters, digits and - _ / are allowed" });
    if (placeholders.filter((p) => p.startsWith("{seq")).length !== 1) ctx.addIssue({ code: "custom", message: "需要且只能有一个 {seq} 或 {seq:N} / exactly one {seq} or {seq:N} is needed" });
    if (!placeholders.some((p) => p === "{yyyy}" || p === "{yy}")) ctx.addIssue({ code: "custom", message: "需要包含年份 {yyyy} 或 {yy}，编号每年重新计数 / include the year ({yyyy} or {yy}): numbers restart every year" });
  });
