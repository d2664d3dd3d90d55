import { defineConfig, type Options } from "tsup";

/**
 * The UDF build `dist/udf/retention-kit.js`: one classic script (an IIFE) with no imports and no Node or DOM
 * APIs that defines the global `retentionKit` with every export of the package root — for JavaScript UDFs
 * (BigQuery, Snowflake, DuckDB/Spark script hosts) and plain `<script>` tags. The library itself uses no
 * platform APIs, so `platform: "neutral"` bundles nothing extra. Exported so a test builds it the same way.
 */
export const udfBuild: Options = {
  entry: { "retention-kit": "src/index.ts" },
  format: ["iife"],
  globalName: "retentionKit",
  platform: "neutral",
  target: "es2019",
  outDir: "dist/udf",
  outExtension: () => ({ js: ".js" }),
  dts: false,
  sourcemap: false,
  clean: true,
  treeshake: true,
  minify: false,
};

// ESM + CJS with declarations for each (.d.ts / .d.cts), one entry per public subpath; plus the UDF script.
// The two builds run concurrently, so the package build's clean leaves dist/udf to the UDF build.
export default defineConfig([
  {
    entry: { index: "src/index.ts", plot: "src/plot/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: ["!udf/**"],
    sourcemap: true,
    treeshake: true,
    // Shared chunks, so the root and the plot subpath share one RetentionKitError class under require() too.
    splitting: true,
    target: "es2022",
    outDir: "dist",
  },
  udfBuild,
]);
