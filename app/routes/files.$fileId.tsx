import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { commandErrorResponse } from "~/http.server";
import { services } from "~/services.server";

/**
 * An uploaded file, for its uploader and for whoever may see the case it belongs to. Served as
 * its sniffed type with a sandboxing policy, so that even a crafted file cannot run script here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { meta, bytes } = await services.readFile(user, params.fileId ?? "");
    const download = new URL(request.url).searchParams.has("download");
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "Content-Type": meta.mime,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
      },
    });
  } catch (err) {
    throw commandErrorResponse(err);
  }
}
