// Static build into dist/, served by the API at `/` (api/dashboard_site.py).
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One small entry: no inline scripts or styles (the page's CSP is self-only).
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
});
