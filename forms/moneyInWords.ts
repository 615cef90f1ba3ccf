/**
 * 金额大写 as written on Chinese vouchers and cheques (中国人民银行《支付结算办法》附一
 * 正确填写票据和结算凭证的基本规定):
 * - a zero between non-zero digits is written 零, a run of zeros only once (6007.14 → 陆仟零柒元壹角肆分);
 * - where the rules leave 零 optional (元位 or 万位 zero before a non-zero 仟/角) we omit it;
 * - 角 zero but 分 not: 零 after 元 (325.04 → 叁佰贰拾伍元零肆分);
 * - 整 after 元 or 角, never after 分; tens are written 壹拾 (10 → 壹拾元整).
 */
const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const IN_GROUP_UNITS = ["仟", "佰", "拾", ""];
const GROUP_UNITS = ["", "万", "亿", "万亿"];
const MAX_INTEGER_DIGITS = GROUP_UNITS.length * 4;

/** One 4-digit group without its leading zeros, e.g. "0305" → 叁佰零伍. */
function groupInWords(group: string): string {
  let words = "";
  let zeroPending = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(group[i]);
    if (d === 0) {
      zeroPending = words !== "";
      continue;
    }
    if (zeroPending) words += "零";
    words += DIGITS[d] + IN_GROUP_UNITS[i];
    zeroPending = false;
  }
  return words;
}

function integerInWords(integer: string): string {
  const padded = integer.padStart(Math.ceil(integer.length / 4) * 4, "0");
  const groupCount = padded.length / 4;
  let words = "";
  let skippedZeroGroup = false;
  for (let g = 0; g < groupCount; g++) {
    const group = padded.slice(g * 4, g * 4 + 4);
    const value = Number(group);
    if (value === 0) {
      skippedZeroGroup = words !== "";
      continue;
    }
    // A gap inside the number (1,0000,0001 or 1,0305) is read with one 零.
    if (words !== "" && (value < 1000 || skippedZeroGroup)) words += "零";
    const position = groupCount - 1 - g;
    // 9999,9999,0000,0000 is 玖仟…万玖仟…亿: the 亿 that follows completes 万亿.
    const sharesYi = position === 3 && Number(padded.slice((g + 1) * 4, g * 4 + 8)) !== 0;
    words += groupInWords(group) + (sharesYi ? "万" : GROUP_UNITS[position]);
    skippedZeroGroup = false;
  }
  return words;
}

function toDecimalText(amount: number | string): string {
  if (typeof amount === "number") {
    if (!Number.isFinite(amount) || Math.abs(amount) >= 1e15) throw new RangeError(`amount out of range: ${amount}`);
    return amount.toFixed(2); // rounds to the fen
  }
  const text = amount.trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw new RangeError(`not an amount with at most 2 decimals: ${amount}`);
  return text;
}

/** 1234.5 → 壹仟贰佰叁拾肆元伍角整. Throws RangeError for non-numbers or amounts of 10¹⁶ yuan or more. */
export function moneyInWords(amount: number | string): string {
  const text = toDecimalText(amount);
  const negative = text.startsWith("-");
  const [rawInteger, rawFraction = ""] = text.replace(/^-/, "").split(".");
  const integer = rawInteger.replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS) throw new RangeError(`amount too large: ${amount}`);
  const fraction = rawFraction.padEnd(2, "0");
  const jiao = Number(fraction[0]);
  const fen = Number(fraction[1]);

  const yuan = integer === "0" ? "" : integerInWords(integer) + "元";
  let words: string;
  if (jiao === 0 && fen === 0) words = yuan === "" ? "零元整" : yuan + "整";
  else if (fen === 0) words = `${yuan}${DIGITS[jiao]}角整`;
  else if (jiao === 0) words = `${yuan}${yuan === "" ? "" : "零"}${DIGITS[fen]}分`;
  else words = `${yuan}${DIGITS[jiao]}角${DIGITS[fen]}分`;
  return negative && words !== "零元整" ? "负" + words : words;
}
