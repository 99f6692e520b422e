import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    exclude: ["dist/**", "node_modules/**"],
    // Statistical and multi-thread tests are CPU-bound; keep files in two workers on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A test that prints is a bug: fail on unexpected console output.
    onConsoleLog: () => false,
  },
});
