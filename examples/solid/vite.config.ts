import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

export default defineConfig({
  plugins: [solid()],
  // The loader finds the module next to itself through import.meta.url
  // unless told otherwise; pre-bundling would move it away from its files.
  // The app passes wasmUrl and wasmExecUrl anyway (src/settings.ts).
  optimizeDeps: { exclude: ["@scaiflow/scaiauth"] },
});
