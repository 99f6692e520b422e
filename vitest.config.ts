import { defineConfig } from "vitest/config";

/**
 * Test files too slow for `npm test` (each 15 s or more on a 2-core machine: whole reports with
 * every chart rendered, PNG rasterising of every chart, a real browser, a Redis with worker
 * processes, calibration studies). `npm run test:heavy` runs them (vitest.heavy.config.ts);
 * CI runs both.
 */
export const HEAVY_TESTS = [
  "tests/report/cli.test.ts",
  "tests/report/noFonts.test.ts",
  "tests/render/png.test.ts",
  "tests/browser/workbench.test.ts",
  "tests/browser/report.test.ts",
  "tests/pipeline/calibrate.test.ts",
  "tests/cli/calibrate.test.ts",
  "tests/cli/queue.test.ts",
  "tests/io/csv.test.ts",
  "tests/scenarios/everyLine.test.ts",
  "tests/server/report.test.ts",
  "tests/browser/tools.test.ts",
];

export const shared = {
  setupFiles: ["tests/setup.ts"],
  // Statistical and multi-thread tests are CPU-bound; keep files in two workers on a 2-core machine.
  maxWorkers: 2,
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // A test that prints is a bug: fail on unexpected console output.
  onConsoleLog: () => false,
};

export default defineConfig({
  test: {
    ...shared,
    include: ["tests/**/*.test.ts"],
    exclude: ["dist/**", "node_modules/**", ...HEAVY_TESTS],
    // Test files share one module graph per worker instead of importing every module afresh per
    // file: module import was about half of the suite's time (94 s of 190 s here). A test that
    // needs a module loaded afresh (a vi.mock of a module others import) calls vi.resetModules().
    isolate: false,
  },
});
