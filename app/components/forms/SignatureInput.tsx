import { Button, Typography } from "antd";
import { useEffect, useRef } from "react";
import type SignaturePad from "signature_pad";
import type { Locale } from "../../../forms/messages";
import { rendererText } from "./rendererText";

export type SignatureInputProps = {
  id: string;
  value: unknown;
  onChange: (value: string | null) => void;
  onBlur: () => void;
  disabled: boolean;
  invalid: boolean;
  locale: Locale;
  aria: Record<string, unknown>;
};

const HEIGHT = 180;

/**
 * A handwriting pad (signature_pad) the width of the form: a finger on a phone, a mouse on a
 * desk. Each stroke stores the whole drawing as a PNG data URL; 重签 clears it. The pad is
 * loaded in the browser only (it needs a canvas); a saved signature is shown as an image.
 */
export function SignatureInput({ id, value, onChange, onBlur, disabled, invalid, locale, aria }: SignatureInputProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const signature = typeof value === "string" && value !== "" ? value : null;
  const latest = useRef({ onChange, onBlur, signature });
  latest.current = { onChange, onBlur, signature };

  useEffect(() => {
    const canvas = canvasRef.current;
    if (disabled || !canvas || typeof window === "undefined" || !canvas.getContext) return;
    let pad: SignaturePad | null = null;
    let live = true;
    // Canvas pixels follow the screen's density so strokes stay sharp; resizing redraws the saved image.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = HEIGHT * ratio;
      canvas.getContext("2d")?.scale(ratio, ratio);
      pad?.clear();
      const saved = latest.current.signature;
      if (pad && saved) void pad.fromDataURL(saved, { width: canvas.offsetWidth, height: HEIGHT });
    };
    void import("signature_pad").then(({ default: Pad }) => {
      if (!live) return;
      pad = new Pad(canvas, { penColor: "#1f1f1f", minWidth: 1, maxWidth: 3 });
      padRef.current = pad;
      fit();
      pad.addEventListener("endStroke", () => {
        if (pad && !pad.isEmpty()) latest.current.onChange(pad.toDataURL("image/png"));
        latest.current.onBlur();
      });
    });
    window.addEventListener("resize", fit);
    return () => {
      live = false;
      window.removeEventListener("resize", fit);
      pad?.off();
      padRef.current = null;
    };
  }, [disabled]);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  if (disabled) {
    return signature ? (
      <img id={id} src={signature} alt={rendererText(locale, "signed")} className="nj-signature-image" />
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  }
  return (
    <div>
      <canvas
        ref={canvasRef} id={id} role="img" tabIndex={0} aria-labelledby={`${id}-label`} aria-description={rendererText(locale, "signHere")}
        className={`nj-signature-pad${invalid ? " nj-signature-pad-error" : ""}`} style={{ height: HEIGHT }} {...aria}
      />
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginTop: 4 }}>
        <Typography.Text type="secondary">{signature ? rendererText(locale, "signed") : rendererText(locale, "signHere")}</Typography.Text>
        <Button onClick={clear} disabled={!signature}>{rendererText(locale, "clearSignature")}</Button>
      </div>
    </div>
  );
}
