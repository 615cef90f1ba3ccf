import { describe, expect, it } from "vitest";
import { parseMarkdownLite } from "./markdownLite";

describe("parseMarkdownLite", () => {
  it("splits paragraphs, lists, headings and bold, and keeps markup as text", () => {
    expect(parseMarkdownLite("# 须知\n\n本人**自愿**加入\n第二行\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n<script>alert(1)</script>")).toEqual([
      { kind: "heading", spans: [{ text: "须知", bold: false }] },
      { kind: "paragraph", lines: [[{ text: "本人", bold: false }, { text: "自愿", bold: true }, { text: "加入", bold: false }], [{ text: "第二行", bold: false }]] },
      { kind: "list", ordered: false, items: [[{ text: "甲", bold: false }], [{ text: "乙", bold: false }]] },
      { kind: "list", ordered: true, items: [[{ text: "一", bold: false }], [{ text: "二", bold: false }]] },
      { kind: "paragraph", lines: [[{ text: "<script>alert(1)</script>", bold: false }]] },
    ]);
  });
});
