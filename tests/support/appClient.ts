import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";

/**
 * The real Remix app, loaded through Vite's SSR loader and called with fetch Requests, so
 * HTTP behaviour (CSRF, sizes, status codes, redirects) is tested without a build or a port.
 */
export async function createApp(): Promise<{ fetch: (req: Request) => Promise<Response>; close: () => Promise<void> }> {
  const vite: ViteDevServer = await createServer({ server: { middlewareMode: true, hmr: false, ws: false }, appType: "custom", logLevel: "error" });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  return { fetch: (req) => handler(req), close: () => vite.close() };
}

/** A browser-like client: keeps cookies, reads the CSRF token, posts forms. */
export class AppClient {
  cookies = new Map<string, string>();
  constructor(
    private app: { fetch: (req: Request) => Promise<Response> },
    private address = "127.0.0.1",
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Cookie", this.cookieHeader());
    headers.set("X-Niangjia-Client-Address", this.address);
    const res = await this.app.fetch(new Request(`http://localhost${path}`, { ...init, headers, redirect: "manual" }));
    this.remember(res);
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  /** A page as a browser lands on it: same-site redirects followed (an approver holding a task on a case is sent from the case page to the task page). */
  async page(path: string): Promise<{ path: string; html: string }> {
    let current = path;
    for (let hops = 0; hops < 5; hops++) {
      const res = await this.get(current);
      const location = res.headers.get("Location");
      if (res.status < 300 || res.status >= 400 || !location?.startsWith("/")) return { path: current, html: await res.text() };
      current = location;
    }
    throw new Error(`too many redirects from ${path}`);
  }

  /** The token the root loader gave this client (fetching a page first if needed). */
  async csrf(): Promise<string> {
    if (!this.cookies.has("nj_csrf")) await this.get("/login");
    const raw = decodeURIComponent(this.cookies.get("nj_csrf") ?? "");
    // Remix cookies are base64-encoded JSON strings.
    return JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as string;
  }

  async post(path: string, fields: Record<string, string>, opts: { csrf?: string | null } = {}): Promise<Response> {
    const body = new URLSearchParams(fields);
    const token = opts.csrf === undefined ? await this.csrf() : opts.csrf;
    if (token !== null) body.set("_csrf", token);
    return this.request(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  /** A multipart upload as the upload widget sends it: one `file` part, the CSRF token in a header. */
  async upload(path: string, file: { name: string; type?: string; bytes: Uint8Array }, opts: { csrf?: string | null } = {}): Promise<Response> {
    const body = new FormData();
    body.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? "application/octet-stream" }), file.name);
    const token = opts.csrf === undefined ? await this.csrf() : opts.csrf;
    return this.request(path, { method: "POST", body, headers: token === null ? {} : { "X-CSRF-Token": token } });
  }

  async signIn(mobile: string, password: string): Promise<Response> {
    return this.post("/login", { mobile, password });
  }
}
