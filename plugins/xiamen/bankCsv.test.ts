import { describe, expect, it } from "vitest";
import { bankCsv, yuan } from "./bankCsv";

describe("bank payout CSV", () => {
  it("is UTF-8 with a BOM, a Chinese header, CRLF lines and two-decimal amounts", () => {
    const csv = bankCsv([
      { accountName: "赵小明", cardNumber: "6222 0202 0000 1234 567", bankName: "中国工商银行厦门湖里支行", amount: 200, caseNo: "PAFX-2027-000001" },
      { accountName: "林小红", cardNumber: "6228480402564890018", bankName: "农业银行, 禾山分理处", amount: 88.8, caseNo: "PAFX-2027-000002" },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split("\r\n")).toEqual([
      "户名,银行卡号,开户行,金额,案件编号",
      "赵小明,6222020200001234567,中国工商银行厦门湖里支行,200.00,PAFX-2027-000001",
      '林小红,6228480402564890018,"农业银行, 禾山分理处",88.80,PAFX-2027-000002',
      "",
    ]);
  });

  it("keeps a name that looks like a formula as text, and quotes quotes", () => {
    const csv = bankCsv([{ accountName: '=HYPERLINK("x")', cardNumber: "6222020200001234567", bankName: "@银行", amount: 1, caseNo: "C1" }]);
    expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""x"")",6222020200001234567,'@银行,1.00,C1`);
  });

  it("rounds to the fen", () => {
    expect(yuan(0.1 + 0.2)).toBe("0.30");
    expect(yuan(1234.5)).toBe("1234.50");
    expect(yuan(0)).toBe("0.00");
  });
});
