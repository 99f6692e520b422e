/** Stage 1: scenario files → validated, resolved Scenario. */
export { loadScenario, parseScenarioText, scenarioFromObject, hashOf, canonicalJson, MAX_SCENARIO_BYTES } from "./load.js";
export type { LoadOptions } from "./load.js";
export type { Scenario, LoadedScenario } from "./types.js";
export type { Issue, IssueCode, PathSegment } from "./issues.js";
export { formatPath } from "../messages/scenario.js";
export { scenarioSchema, FORMAT_VERSION } from "./schema.js";
export type { ScenarioInput, ParsedScenario } from "./schema.js";
export type { Param, Provenance, NumKind } from "./num.js";
export { at, atNumber, givenIn, scalar, scalarNumber, series } from "./param.js";
export { scenarioJsonSchema } from "./jsonSchema.js";
export { applyOverlay, parsePath, parseSet } from "./overlays.js";
export * from "./vocab.js";
export { DIST_KINDS } from "./dist.js";
export type { DistKind } from "./dist.js";
