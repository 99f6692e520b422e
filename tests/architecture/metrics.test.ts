/** A metric is added once (model/results.ts) and the docs' runs.csv table names it. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORE_METRICS, PROGRAMME_COLUMNS } from "../../src/model/results.js";

describe("metric registry", () => {
  it("every core metric and per-programme column is documented in docs/outputs.md", () => {
    const documented = new Set(
      readFileSync("docs/outputs.md", "utf8")
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .flatMap((l) => [...(l.split(" | ")[0] ?? "").matchAll(/`([^`:]+)(:<programme>)?`/g)].map((m) => m[1])),
    );
    for (const name of [...CORE_METRICS, ...PROGRAMME_COLUMNS]) expect(documented.has(name), `${name} is not in docs/outputs.md`).toBe(true);
  });
});
