import { Input } from "antd";
import { useEffect, useState } from "react";
import type { Locale } from "../../../forms/messages";
import { designerText } from "./designerText";

export type JsonValueInputProps = { id: string; value: unknown; onChange: (value: unknown) => void; locale: Locale; rows?: number };

/** Any JSON value, edited as text and applied when it parses (an emptied box means "not set"). */
export function JsonValueInput({ id, value, onChange, locale, rows = 2 }: JsonValueInputProps) {
  const shown = value === undefined ? "" : JSON.stringify(value, null, rows > 2 ? 2 : undefined);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (undo, another editor) unless the box holds an unfinished edit.
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setError(null);
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      setError(null);
      onChange(parsed);
    } catch (err) {
      setError(designerText(locale, "invalidJson", { message: (err as Error).message }));
    }
  };
  return (
    <div>
      <Input.TextArea id={id} value={text} onChange={(e) => change(e.target.value)} autoSize={{ minRows: rows, maxRows: 16 }} status={error ? "error" : undefined} className="nj-mono" spellCheck={false} />
      {error && <div className="nj-feel-error">{error}</div>}
    </div>
  );
}
