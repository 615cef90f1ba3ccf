import { describe, expect, it } from "vitest";
import { displayValue } from "../displayValue";
import { checkPngDataUrl, PNG_DATA_URL_PREFIX } from "../pngDataUrl";
import { parseFormSchema } from "../schema";
import { form, label, mustParse } from "../testForms";
import { validateSubmission } from "../validateSubmission";

/** A real 1×1 PNG (the well-known transparent pixel). */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const png = PNG_DATA_URL_PREFIX + PIXEL;
const bytesOf = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

const zh = { locale: "zh" as const };
const schema = mustParse(form([{ key: "sign", type: "signature", label: label("本人签名", "Signature"), required: true, maxKb: 1 }]), parseFormSchema);

describe("signature field", () => {
  it("accepts a real PNG data URL and stores it as sent", () => {
    expect(validateSubmission(schema, { sign: png }, zh)).toEqual({ ok: true, data: { sign: png } });
    expect(checkPngDataUrl(png, 1024)).toEqual({ ok: true, bytes: 70, width: 1, height: 1 });
    expect(displayValue(schema.fields[0], png, "zh")).toBe("已签名");
  });

  it("refuses what only claims to be a PNG: JPEG bytes, an .exe, text, a cut-off file, bad base64, another media type", () => {
    const jpeg = toB64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...bytesOf(PIXEL).slice(4)]));
    const exe = toB64(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(80).fill(0)]));
    const cut = toB64(bytesOf(PIXEL).slice(0, 60));
    for (const bad of [
      PNG_DATA_URL_PREFIX + jpeg,
      PNG_DATA_URL_PREFIX + exe,
      PNG_DATA_URL_PREFIX + btoa("hello, I am a signature, trust me ".repeat(3)),
      PNG_DATA_URL_PREFIX + cut,
      PNG_DATA_URL_PREFIX + PIXEL.slice(1),
      PNG_DATA_URL_PREFIX + PIXEL.replace("A", "*"),
      "data:image/jpeg;base64," + PIXEL,
      "data:image/svg+xml;base64," + btoa("<svg/>"),
      PIXEL,
    ]) {
      expect(validateSubmission(schema, { sign: bad }, zh)).toEqual({ ok: false, errors: { sign: "本人签名不是有效的签名图片" } });
    }
    for (const bad of [12, { src: png }, [png], true]) {
      expect(validateSubmission(schema, { sign: bad }, zh)).toEqual({ ok: false, errors: { sign: "本人签名不是有效的签名图片" } });
    }
  });

  it("refuses an image over the size limit before decoding it, and a missing one", () => {
    const big = PNG_DATA_URL_PREFIX + PIXEL.slice(0, -4) + "A".repeat(2000) + "==";
    expect(validateSubmission(schema, { sign: big }, zh)).toEqual({ ok: false, errors: { sign: "本人签名图片不能超过1KB" } });
    expect(validateSubmission(schema, { sign: "x".repeat(5_000_000) }, zh)).toEqual({ ok: false, errors: { sign: "本人签名图片不能超过1KB" } });
    expect(validateSubmission(schema, {}, zh)).toEqual({ ok: false, errors: { sign: "请在本人签名处手写签名" } });
  });

  it("refuses absurd dimensions in the header", () => {
    const bytes = bytesOf(PIXEL);
    bytes.set([0x00, 0x01, 0x00, 0x00], 16); // width 65536
    expect(checkPngDataUrl(PNG_DATA_URL_PREFIX + toB64(bytes), 1024)).toEqual({ ok: false, problem: "notPng" });
  });
});
