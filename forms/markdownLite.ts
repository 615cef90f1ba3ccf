/**
 * The small Markdown subset form texts use (declarations, explanations): paragraphs, line
 * breaks, `- ` / `1. ` lists, `#` headings and **bold**. Parsed to data, never to HTML, so an
 * admin's text cannot inject markup into the applicant's page.
 */
export type TextSpan = { text: string; bold: boolean };

export type MarkdownBlock =
  | { kind: "heading"; spans: TextSpan[] }
  | { kind: "paragraph"; lines: TextSpan[][] }
  | { kind: "list"; ordered: boolean; items: TextSpan[][] };

export function parseSpans(line: string): TextSpan[] {
  return line
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part !== "")
    .map((part) => (part.startsWith("**") && part.endsWith("**") && part.length > 4 ? { text: part.slice(2, -2), bold: true } : { text: part, bold: false }));
}

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+[.)、]\s*/;

export function parseMarkdownLite(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.length === 1 && /^#{1,6}\s/.test(lines[0])) {
      blocks.push({ kind: "heading", spans: parseSpans(lines[0].replace(/^#{1,6}\s+/, "")) });
    } else if (lines.every((l) => BULLET.test(l)) || lines.every((l) => NUMBERED.test(l))) {
      const ordered = NUMBERED.test(lines[0]);
      blocks.push({ kind: "list", ordered, items: lines.map((l) => parseSpans(l.replace(ordered ? NUMBERED : BULLET, ""))) });
    } else {
      blocks.push({ kind: "paragraph", lines: lines.map((l) => parseSpans(l.trim())) });
    }
  }
  return blocks;
}
