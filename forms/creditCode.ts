/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, Z, S, V),
 * the last one a MOD 31 check character over the first 17.
 */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { ok: true; normalized: string } | { ok: false; problem: "shape" | "checkChar" };

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function validateCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  // Positions 3–8 are the administrative region code, always digits.
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return { ok: false, problem: "shape" };
  if (creditCodeCheckChar(code) !== code[17]) return { ok: false, problem: "checkChar" };
  return { ok: true, normalized: code };
}

export const CREDIT_CODE_CHARSET = CHARSET;
