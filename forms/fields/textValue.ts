import { z } from "zod";
import type { FieldZodContext } from "../fieldType";

/** Length in characters as people count them (an emoji or rare 汉字 outside the BMP is one). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * A string only (numbers, objects and arrays are refused, not coerced), trimmed, at most
 * `maxLength` characters. Oversized input is refused before any further work.
 */
export function boundedText(ctx: FieldZodContext, maxLength: number, minLength = 0): z.ZodType<string> {
  return z
    .string({ error: ctx.message("wrongType") })
    .refine((s) => s.length <= maxLength * 2 + 1024, ctx.message("tooLong", { max: maxLength })) // cheap guard before trimming megabytes
    .transform((s) => s.trim())
    .refine((s) => characterCount(s) <= maxLength, ctx.message("tooLong", { max: maxLength }))
    .refine((s) => characterCount(s) >= minLength, ctx.message("tooShort", { min: minLength }));
}

/** A string with blanks (and `-`) removed, for numbers people type in groups: "138 0013 8000". */
export function compactText(ctx: FieldZodContext, maxLength: number): z.ZodType<string> {
  return z
    .string({ error: ctx.message("wrongType") })
    .refine((s) => s.length <= maxLength * 4, ctx.message("tooLong", { max: maxLength }))
    .transform((s) => s.replace(/[\s-]/g, ""));
}
