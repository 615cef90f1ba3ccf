import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  optimizeDeps: {
    // The dependency scan of `npm run dev` also walks server modules; the native password hasher
    // has no browser build to pre-bundle (its browser.js imports a WASI package we do not install).
    exclude: ["@node-rs/argon2"],
    // Found only when a page first needs them; listed so dev does not re-bundle and reload mid-visit.
    include: ["react-hook-form", "@hookform/resolvers/zod", "@ant-design/icons", "signature_pad", "@dnd-kit/core", "@dnd-kit/sortable", "@dnd-kit/utilities", "@bpmn-io/feel-editor",
      "bpmn-js/lib/Modeler", "bpmn-js-properties-panel", "diagram-js/lib/command/CommandInterceptor", "@bpmn-io/properties-panel"],
  },
  ssr: {
    // Native and WASM database drivers must stay external so server.ts and the
    // Remix build share one PGlite instance (see db/client.ts).
    external: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  },
});
