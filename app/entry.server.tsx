import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createCache, extractStyle, StyleProvider } from "@ant-design/cssinjs";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 10_000;

/**
 * The whole page is rendered before anything is sent (onAllReady), so antd's CSS-in-JS styles
 * can be collected and inlined in <head>: pages look right before hydration on slow phones.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const cache = createCache();
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <StyleProvider cache={cache}>
        <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} />
      </StyleProvider>,
      {
        onAllReady() {
          const chunks: Buffer[] = [];
          const body = new PassThrough();
          body.on("data", (c: Buffer) => chunks.push(c));
          body.on("end", () => {
            const html = Buffer.concat(chunks).toString("utf8").replace("</head>", `${extractStyle(cache)}</head>`);
            headers.set("Content-Type", "text/html; charset=utf-8");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "same-origin");
            resolve(new Response(`<!DOCTYPE html>${html.replace(/^<!DOCTYPE html>/i, "")}`, { status: failed ? 500 : status, headers }));
          });
          pipe(body);
        },
        onShellError: reject,
        onError(error) {
          failed = true;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}
