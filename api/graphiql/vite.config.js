// Static build into dist/: GET /graphql (a browser) gets dist/index.html, and its assets are
// served from /graphiql/ (api/graphiql_site.py). Nothing is fetched from another host.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/graphiql/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: "es" },
});
