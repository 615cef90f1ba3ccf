import { Typography } from "antd";
import { parseMarkdownLite, type TextSpan } from "../../../forms/markdownLite";

function Spans({ spans }: { spans: TextSpan[] }) {
  return (
    <>
      {spans.map((s, i) => (s.bold ? <strong key={i}>{s.text}</strong> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** Admin-written form text as React elements (never as HTML). */
export function MarkdownText({ source }: { source: string }) {
  return (
    <Typography>
      {parseMarkdownLite(source).map((block, i) => {
        if (block.kind === "heading") return <Typography.Title key={i} level={5}><Spans spans={block.spans} /></Typography.Title>;
        if (block.kind === "list") {
          const items = block.items.map((item, j) => <li key={j}><Spans spans={item} /></li>);
          return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        return (
          <Typography.Paragraph key={i}>
            {block.lines.map((line, j) => (
              <span key={j}>
                {j > 0 && <br />}
                <Spans spans={line} />
              </span>
            ))}
          </Typography.Paragraph>
        );
      })}
    </Typography>
  );
}
