/**
 * Test-wide setup: property tests are seeded so a CI run is reproducible. Explore other
 * cases locally with FC_SEED=<n> npx vitest run (the seed of a failure is printed).
 */
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env["FC_SEED"] ?? 20161122) });
