/**
 * The floors of ARCHITECTURE.md are enforced by eslint.config.js; these tests lint
 * deliberately bad imports so the rule cannot silently stop working.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: "eslint.config.js" });

/** The rule ids that report `code` as if it were the file `filePath` (relative to the repository). */
async function violations(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = "@typescript-eslint/no-restricted-imports";
const DYNAMIC = "no-restricted-syntax";

describe("import floors", () => {
  it("a stage cannot import a later stage", async () => {
    expect(await violations(`import { summarize } from "../results/summarize.js";\nexport const f = summarize;\n`, "src/engine/x.ts")).toContain(RESTRICTED);
    expect(await violations(`import { simulateModel } from "../engine/simulate.js";\nexport const f = simulateModel;\n`, "src/population/x.ts")).toContain(RESTRICTED);
    expect(await violations(`import type { Households } from "../population/cohorts.js";\nexport type H = Households;\n`, "src/ledger/x.ts")).toContain(RESTRICTED);
  });

  it("a stage may import earlier stages, messages and the ground floor", async () => {
    const code = `import { buildLedger } from "../ledger/build.js";\nimport { say } from "../messages/lang.js";\nimport { ok } from "../util/result.js";\nimport { CORE_METRICS } from "../model/results.js";\nexport const f = [buildLedger, say, ok, CORE_METRICS];\n`;
    expect(await violations(code, "src/engine/x.ts")).toEqual([]);
  });

  it("the ground floor imports nothing above it", async () => {
    expect(await violations(`import { say } from "../messages/lang.js";\nexport const f = say;\n`, "src/model/x.ts")).toContain(RESTRICTED);
    expect(await violations(`import type { Scenario } from "../scenario/types.js";\nexport type S = Scenario;\n`, "src/random/x.ts")).toContain(RESTRICTED);
  });

  it("messages import types from the stages, never values", async () => {
    expect(await violations(`import type { Ledger } from "../ledger/types.js";\nexport type L = Ledger;\n`, "src/messages/x.ts")).toEqual([]);
    expect(await violations(`import { buildLedger } from "../ledger/build.js";\nexport const f = buildLedger;\n`, "src/messages/x.ts")).toContain(RESTRICTED);
  });

  it("presentation never composes: no pipeline, no stage runners (types allowed)", async () => {
    expect(await violations(`import { simulateScenario } from "../pipeline/simulate.js";\nexport const f = simulateScenario;\n`, "src/report/x.ts")).toContain(RESTRICTED);
    expect(await violations(`import { pairedDifferences } from "../results/paired.js";\nexport const f = pairedDifferences;\n`, "src/charts/x.ts")).toContain(RESTRICTED);
    expect(await violations(`import type { PairedDifferences } from "../results/paired.js";\nexport type P = PairedDifferences;\n`, "src/charts/x.ts")).toEqual([]);
  });

  it("the CLI reaches the stages through the pipeline, dynamic imports included", async () => {
    expect(await violations(`import { buildLedger } from "../../ledger/build.js";\nexport const f = buildLedger;\n`, "src/cli/commands/x.ts")).toContain(RESTRICTED);
    expect(await violations(`export const f = async () => (await import("../../engine/simulate.js")).simulateModel;\n`, "src/cli/commands/x.ts")).toContain(DYNAMIC);
    expect(await violations(`export const f = async () => (await import("../../pipeline/simulate.js")).simulateScenario;\n`, "src/cli/commands/x.ts")).toEqual([]);
  });

  it("src/index.ts does not import the CLI", async () => {
    expect(await violations(`export { main } from "./cli/main.js";\n`, "src/index.ts")).toContain(RESTRICTED);
  });

  it("every folder of src/ has a floor", async () => {
    const folders = readdirSync(new URL("../../src", import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.length).toBeGreaterThan(10);
    for (const folder of folders) {
      const config = (await eslint.calculateConfigForFile(`src/${folder}/x.ts`)) as { rules?: Record<string, unknown> };
      expect(config.rules?.[RESTRICTED], folder).toBeDefined();
    }
  });
});
