import { defineConfig } from "vitest/config";
import { HEAVY_TESTS, shared } from "./vitest.config.js";

/** The slow test files that `npm test` leaves out (see vitest.config.ts): `npm run test:heavy`. */
export default defineConfig({ test: { ...shared, include: HEAVY_TESTS } });
