/**
 * A PNG carried as a data URL (a handwritten signature), checked by its bytes, not its
 * label: the 8-byte PNG signature, an IHDR chunk first with sane dimensions, IEND last.
 */
export const PNG_DATA_URL_PREFIX = "data:image/png;base64,";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND_TRAILER = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
export const PNG_MAX_SIDE = 8192;

export type PngCheck = { ok: true; bytes: number; width: number; height: number } | { ok: false; problem: "notPng" | "tooLarge" };

/** Base64 length of `bytes` bytes, padding included. */
function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

/** Check a `data:image/png;base64,` URL of at most `maxBytes` decoded bytes. Size is judged before decoding. */
export function checkPngDataUrl(value: string, maxBytes: number): PngCheck {
  if (!value.startsWith(PNG_DATA_URL_PREFIX)) return { ok: false, problem: "notPng" };
  const body = value.slice(PNG_DATA_URL_PREFIX.length);
  if (body.length > base64Length(maxBytes)) return { ok: false, problem: "tooLarge" };
  const bytes = decodeBase64(body);
  if (!bytes || bytes.length < PNG_MAGIC.length + 25 + IEND_TRAILER.length) return { ok: false, problem: "notPng" };
  if (bytes.length > maxBytes) return { ok: false, problem: "tooLarge" };
  if (PNG_MAGIC.some((b, i) => bytes[i] !== b)) return { ok: false, problem: "notPng" };
  // The first chunk is IHDR, 13 bytes long: width, height, bit depth...
  const ihdr = String.fromCharCode(...bytes.slice(12, 16));
  if (u32(bytes, 8) !== 13 || ihdr !== "IHDR") return { ok: false, problem: "notPng" };
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  if (width < 1 || height < 1 || width > PNG_MAX_SIDE || height > PNG_MAX_SIDE) return { ok: false, problem: "notPng" };
  const tail = bytes.slice(bytes.length - IEND_TRAILER.length);
  if (IEND_TRAILER.some((b, i) => tail[i] !== b)) return { ok: false, problem: "notPng" };
  return { ok: true, bytes: bytes.length, width, height };
}
