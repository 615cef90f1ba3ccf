import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { httpError } from "./http.server";
import type { UploadRead } from "./services.server";

/** Past a field's limit the rest of a file is read and dropped (so the browser gets its answer), up to this much. */
const DRAIN_LIMIT_BYTES = 12 * 1024 * 1024;

class StopReading extends Error {}
class NotAFileForm extends Error {}

/**
 * Reads the one file of an upload request (a multipart form whose only part is `file`) while
 * it streams in: bytes are kept only up to `maxBytes`; a bigger file is reported as too large
 * and never held in memory. Anything else in the form is a 400.
 */
export function readUploadedFile(request: Request): (maxBytes: number) => Promise<UploadRead> {
  return async (maxBytes) => {
    let result: UploadRead | null = null;
    const handler: UploadHandler = async ({ name, filename, data }) => {
      if (name !== "file" || filename === undefined || result) throw new NotAFileForm();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size <= maxBytes) chunks.push(chunk);
        else if (size > DRAIN_LIMIT_BYTES) break;
      }
      result = size > maxBytes ? { ok: false, reason: "tooLarge", name: filename } : { ok: true, name: filename, bytes: Buffer.concat(chunks) };
      if (size > DRAIN_LIMIT_BYTES) throw new StopReading();
      return undefined;
    };
    try {
      await unstable_parseMultipartFormData(request, handler);
    } catch (err) {
      if (err instanceof StopReading && result) return result;
      // Not multipart, cut short, a second file or a stray field: not what the upload widget sends.
      throw httpError(400, "uploadMalformed");
    }
    return result ?? { ok: false, reason: "noFile" };
  };
}
