import { defineConfig } from "tsup";

// ESM + CJS with declarations for each (.d.ts / .d.cts), one entry per public subpath.
export default defineConfig({
  entry: { index: "src/index.ts", plot: "src/plot/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  // Shared chunks, so the root and the plot subpath share one RetentionKitError class under require() too.
  splitting: true,
  target: "es2022",
  outDir: "dist",
});
