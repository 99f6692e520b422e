/**
 * Stage 1 for the edges (CLI, server): load and validate a scenario, or print its JSON
 * Schema. The edges reach the stages only through `pipeline/`.
 *
 * @example
 * const r = await loadScenario("scenarios/linghai-2017.yaml", { variant: "full-capacity" });
 */
export { loadScenario, isVariantFile } from "../scenario/load.js";
export { loadTargets } from "../scenario/targets.js";
export { scenarioJsonSchema } from "../scenario/jsonSchema.js";
export { parseDocumentText, scenarioFromObject, loadVariantFile, MAX_SCENARIO_BYTES } from "../scenario/load.js";
export type { ParsedDocument } from "../scenario/load.js";
export { MAX_WORKBOOK_BYTES } from "../scenario/workbookVariant.js";
