import { defineConfig } from "vitest/config";

// Tests of the built package (`npm run test:dist`, after `npm run build` in `npm test`): Deno, the notebook,
// the browser example. Named *.dist.ts so the unit run (test/**/*.test.ts, before the build) skips them.
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/users/dist/**/*.dist.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
