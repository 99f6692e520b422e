/**
 * fundsim — public API.
 *
 * The pipeline, each stage a pure step with a typed input and output:
 *
 *   1. loadScenario      file (YAML/JSON) → Scenario           src/scenario/
 *   2. buildLedger       Scenario → Ledger (exact decimal)      src/ledger/
 *   3. buildPopulation   Scenario | register CSV → Households   src/population/
 *   4. simulate          Ledger + Households → RunResults       src/engine/
 *   5. summarize         RunResults → Summary                   src/results/
 *   6. charts / render   Ledger | Summary → Vega-Lite → files   src/charts/ src/render/
 *   7. CLI               thin layer over the above              src/cli/
 */
// 1. Scenario: load, validate, resolve; overlays; issues as data.
export {
  loadScenario,
  parseScenarioText,
  scenarioFromObject,
  scenarioJsonSchema,
  at,
  atNumber,
  scalar,
  scalarNumber,
  formatPath,
} from "./scenario/index.js";
export type { Scenario, LoadedScenario, LoadOptions, Issue, Param, ScenarioInput } from "./scenario/index.js";
export { renderIssues } from "./messages/scenario.js";

// 7. CLI, in-process.
export { runCapture } from "./cli/main.js";
export type { Lang, Localized } from "./messages/lang.js";
export { writeFileAtomic, writeDirAtomic } from "./io/atomic.js";
