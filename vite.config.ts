/**
 * The workbench page (web/) bundled for the browser into dist/web, which `fundsim serve`
 * serves at /. Part of `npm run build`.
 */
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  base: "/",
  logLevel: "warn",
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    // vega-embed (with vega and vega-lite) is most of the bundle; it is one file served locally.
    chunkSizeWarningLimit: 2500,
    target: "es2022",
  },
});
