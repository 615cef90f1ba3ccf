/**
 * The app server: migrates and seeds the database, starts the job worker, serves Remix.
 * `npm start` builds first and runs this in production mode; `npm run dev` serves through Vite.
 */
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { boot } from "./cli/boot";
import { MAX_REQUEST_BYTES, guardRequest } from "./cli/requestGuard";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const dev = process.env.NODE_ENV === "development";

async function main() {
  const { describe, stop } = await boot({ seedDemo: process.env.NIANGJIA_DEMO !== "0", startWorker: true });

  const app = express();
  app.disable("x-powered-by");
  app.use(guardRequest(MAX_REQUEST_BYTES));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
    // @ts-expect-error - produced by `remix vite:build`
    build = (await import("./build/server/index.js")) as ServerBuild;
  }
  app.all("*", createRequestHandler({ build, mode: dev ? "development" : "production" }));

  const server = app.listen(port, host, () => {
    console.log(describe(`http://localhost:${port}`));
  });
  const shutdown = () => {
    server.close();
    void stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error("启动失败 / failed to start:", err);
  process.exit(1);
});
