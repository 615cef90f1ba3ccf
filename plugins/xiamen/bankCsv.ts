/** One line of the bank's payout file. */
export type PayoutLine = { accountName: string; cardNumber: string; bankName: string; amount: number; caseNo: string };

export const BANK_CSV_HEADER = ["户名", "银行卡号", "开户行", "金额", "案件编号"] as const;

/** Excel reads a text starting with these as a formula; a leading apostrophe keeps it text (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Yuan with exactly two decimals, rounded to the fen first (0.1 + 0.2 → "0.30"). */
export function yuan(amount: number): string {
  return (Math.round(amount * 100) / 100).toFixed(2);
}

/**
 * The payout file as the bank and Excel expect it: UTF-8 with a byte-order mark (without it
 * Excel on Windows shows the Chinese as mojibake), CRLF line ends, RFC 4180 quoting. Card
 * numbers are written as digits, unchanged, for the bank's import.
 */
export function bankCsv(lines: PayoutLine[]): string {
  const rows = [BANK_CSV_HEADER.join(","), ...lines.map((l) => [cell(l.accountName), l.cardNumber.replace(/\s/g, ""), cell(l.bankName), yuan(l.amount), cell(l.caseNo)].join(","))];
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
