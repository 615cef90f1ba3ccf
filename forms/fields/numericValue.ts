import { z } from "zod";
import type { FieldZodContext } from "../fieldType";

/** Plain decimal notation only: "12", "-3.5". Not "12abc", "1e3", "0x10" or "". */
const DECIMAL_TEXT = /^-?\d{1,16}(\.\d{1,8})?$/;

/** Number of digits after the point in a number's shortest decimal form. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes("e")) {
    const [mantissa, exponent] = text.split("e");
    const mantissaPlaces = (mantissa.split(".")[1] ?? "").length;
    return Math.max(0, mantissaPlaces - Number(exponent));
  }
  return (text.split(".")[1] ?? "").length;
}

/**
 * A finite number; a string is accepted only when it is plain decimal text (a value typed
 * into a form posted as text). Booleans, objects and "12abc" are refused.
 */
export function strictNumber(ctx: FieldZodContext): z.ZodType<number> {
  return z.unknown().transform((value, issueCtx) => {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && DECIMAL_TEXT.test(value.trim())) return Number(value.trim());
    issueCtx.addIssue({ code: "custom", message: ctx.message("notNumber"), input: value });
    return z.NEVER;
  });
}
