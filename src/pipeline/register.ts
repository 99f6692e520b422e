/**
 * A household register for the edges: read and check a register CSV (stage 3's other
 * source of households), to simulate instead of the scenario's synthetic cohorts.
 *
 * @example
 * const r = await loadRegister("register.csv", { cohorts, label: "register.csv" });
 * if (r.ok) await simulateScenario(loaded, { register: { file: "register.csv", households: r.value } });
 */
export { loadRegister } from "../population/register.js";
export { problemCount } from "../population/registerIssues.js";
