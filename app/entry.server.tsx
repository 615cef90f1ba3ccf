import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createCache, extractStyle, StyleProvider } from "@ant-design/cssinjs";
import { renderToString } from "react-dom/server";

/**
 * Rendered to a string (not streamed) so antd's CSS-in-JS styles can be collected and inlined;
 * pages then look right before hydration, which matters on slow phones.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const cache = createCache();
  const markup = renderToString(
    <StyleProvider cache={cache}>
      <RemixServer context={context} url={request.url} />
    </StyleProvider>,
  );
  const html = markup.replace("</head>", `${extractStyle(cache)}</head>`);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "same-origin");
  return new Response(`<!DOCTYPE html>${html}`, { status, headers });
}
